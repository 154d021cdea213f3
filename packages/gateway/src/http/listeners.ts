/**
 * HTTP and HTTPS listeners with the parser limits and slow-client time-outs of the config. HTTPS is TLS 1.2+ with
 * certificates from files, reloaded when the files change (`setSecureContext`: new handshakes get the new certificate,
 * open connections are untouched). With `clientCa`, clients are asked for a certificate; whether one is required is
 * the route's call (an mtls authenticator), so the handshake itself does not reject.
 */
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { SecureContextOptions } from 'node:tls';
import type { LimitsConfig, ListenerConfig } from '../config/types.js';
import { resolvePath } from '../proxy/upstream.js';

export interface Listener {
  config: ListenerConfig;
  server: Server;
  tls: boolean;
  stopWatching(): void;
}

export function serverOptions(limits: LimitsConfig): ServerOptions {
  return {
    maxHeaderSize: limits.maxHeaderBytes,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks the two time-outs above only this often (30 s by default): slow clients must be caught in time.
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    insecureHTTPParser: false,
    joinDuplicateHeaders: false,
    requireHostHeader: false,
    noDelay: true,
  };
}

export function createListener(
  cfg: ListenerConfig,
  limits: LimitsConfig,
  baseDir: string,
  handler: RequestListener,
): Listener {
  const opts = serverOptions(limits);
  if (cfg.tls === undefined) {
    const server = createHttpServer(opts, handler);
    tune(server, limits);
    return { config: cfg, server, tls: false, stopWatching() {} };
  }
  const tls = cfg.tls;
  const files = [tls.cert, tls.key, ...(tls.clientCa === undefined ? [] : [tls.clientCa])].map((f) =>
    resolvePath(baseDir, f),
  );
  const secure = (): SecureContextOptions => ({
    cert: readFileSync(files[0] as string),
    key: readFileSync(files[1] as string),
    ...(tls.clientCa === undefined ? {} : { ca: readFileSync(files[2] as string) }),
    minVersion: tls.minVersion,
  });
  const server = createHttpsServer(
    { ...opts, ...secure(), requestCert: tls.clientCa !== undefined, rejectUnauthorized: false },
    handler,
  ) as unknown as Server;
  tune(server, limits);
  const reload = () => {
    try {
      (server as unknown as { setSecureContext(o: SecureContextOptions): void }).setSecureContext(secure());
      server.emit('rampart:tls-reloaded');
    } catch (e) {
      // A half-written pair (new cert, old key) fails here; the next change event retries, the old context keeps serving.
      server.emit('rampart:tls-reload-failed', e);
    }
  };
  for (const f of files) watchFile(f, { interval: 500, persistent: false }, reload);
  return {
    config: cfg,
    server,
    tls: true,
    stopWatching() {
      for (const f of files) unwatchFile(f, reload);
    },
  };
}

function tune(server: Server, limits: LimitsConfig): void {
  // One more than the limit, so that a request with too many headers is seen (and denied) rather than truncated.
  server.maxHeadersCount = limits.maxHeaders + 1;
  server.maxRequestsPerSocket = 0;
}

export function listen(l: Listener): Promise<void> {
  return new Promise((resolve, reject) => {
    l.server.once('error', reject);
    l.server.listen(l.config.port, l.config.host, () => {
      l.server.off('error', reject);
      resolve();
    });
  });
}
