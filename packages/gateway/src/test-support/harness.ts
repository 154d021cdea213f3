/**
 * Test harness (not part of the public surface): a real upstream HTTP server on 127.0.0.1:0, a gateway started from
 * YAML text through the real config loader, and raw-socket requests for inputs no HTTP client would send.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from '@rampart/core/testing';
import { parseGatewayConfig } from '../config/load.js';
import { MemorySink } from '../events/sink.js';
import { type Gateway, startGateway, type StartOptions } from '../server/gateway.js';

export const TESTDATA = join(repoRoot(), 'packages', 'gateway', 'testdata');

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  rawHeaders: string[];
  body: string;
}

export interface Upstream {
  url: string;
  port: number;
  server: Server;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export type UpstreamHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** Echoes the request as JSON unless a handler is given. */
export async function startUpstream(handler?: UpstreamHandler): Promise<Upstream> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body,
      });
      if (handler !== undefined) return handler(req, res, body);
      const out = JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end(out);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

export interface TestGateway {
  gw: Gateway;
  url: string;
  port: number;
  sink: MemorySink;
  close(): Promise<void>;
}

/** `listeners` is filled in (one HTTP listener on 127.0.0.1:0) when the YAML has none. */
export async function startTestGateway(yaml: string, options: StartOptions = {}): Promise<TestGateway> {
  const text = /^listeners:/m.test(yaml) ? yaml : `listeners:\n  - port: 0\naccessLog:\n  enabled: false\n${yaml}`;
  const { config, baseDir } = parseGatewayConfig(text, 'test.yaml', options.baseDir ?? TESTDATA);
  const sink = new MemorySink();
  const gw = await startGateway(config, { baseDir, sink, ...options });
  const a = gw.addresses[0] as { port: number; tls: boolean };
  return {
    gw,
    url: `${a.tls ? 'https' : 'http'}://127.0.0.1:${a.port}`,
    port: a.port,
    sink,
    close: () => gw.close(),
  };
}

/** Sends bytes as they are and returns everything the server wrote until it closed (or `idleMs` of silence). */
export function rawRequest(port: number, text: string | Buffer, idleMs = 1500): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => s.write(text));
    let out = '';
    s.setTimeout(idleMs, () => s.destroy());
    s.on('data', (d) => {
      out += d.toString('latin1');
    });
    s.on('close', () => resolve(out));
    s.on('error', () => resolve(out));
  });
}

export function statusOf(raw: string): number {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
  return m === null ? 0 : Number(m[1]);
}

/** Upstream config block for YAML. */
export function upstreamYaml(name: string, targets: string[], extra = ''): string {
  return `  ${name}:\n    targets: [${targets.map((t) => `"${t}"`).join(', ')}]\n${extra}`;
}
