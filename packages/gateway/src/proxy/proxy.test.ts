import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { request } from 'undici';
import {
  rawRequest,
  startTestGateway,
  startUpstream,
  statusOf,
  TESTDATA,
  type TestGateway,
  type Upstream,
} from '../test-support/harness.js';

let echo: Upstream;
let slow: Upstream;
let reset: Upstream;
let deadPort: number;
let g: TestGateway;

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

before(async () => {
  echo = await startUpstream();
  slow = await startUpstream((_req, res) => {
    setTimeout(() => res.writeHead(200).end('late'), 1500).unref();
  });
  reset = await startUpstream((req, res) => {
    if (req.url === '/mid') {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 20);
    } else res.socket?.destroy();
  });
  deadPort = await freePort();
  g = await startTestGateway(`
trustedProxies: ["10.0.0.0/8"]
upstreams:
  echo:
    targets: ["${echo.url}"]
  slow:
    targets: ["${slow.url}"]
    requestTimeoutMs: 300
  reset:
    targets: ["${reset.url}"]
    retries: 0
  dead:
    targets: ["http://127.0.0.1:${deadPort}"]
  half:
    targets: ["http://127.0.0.1:${deadPort}", "${echo.url}"]
    retries: 1
    passive: { consecutiveFailures: 2, ejectMs: 60000 }
routes:
  - { name: slow, match: { path: /slow, hosts: [localhost] }, upstream: slow, auth: none }
  - { name: reset, match: { path: /reset, hosts: [localhost] }, upstream: reset, auth: none, stripPrefix: /reset }
  - { name: dead, match: { path: /dead, hosts: [localhost] }, upstream: dead, auth: none }
  - { name: half, match: { path: /half, hosts: [localhost] }, upstream: half, auth: none }
  - { name: echo, match: { path: /, hosts: [localhost, "*.example.com"] }, upstream: echo, auth: none }
`);
});
after(async () => {
  await g.close();
  await Promise.all([echo.close(), slow.close(), reset.close()]);
});

test('hop-by-hop headers are stripped, Forwarded/X-Forwarded-* set, request id added', async () => {
  const out = await rawRequest(
    g.port,
    'GET /h?q=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close, X-Secret-Hop\r\nX-Secret-Hop: 1\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nProxy-Authorization: Basic eA==\r\nX-Forwarded-For: 6.6.6.6\r\nForwarded: for=6.6.6.6\r\nX-Request-Id: spoofed\r\nX-Dup: a\r\nX-Dup: b\r\n\r\n',
  );
  assert.equal(statusOf(out), 200, out);
  const seen = echo.seen.at(-1);
  assert.ok(seen);
  assert.equal(seen.url, '/h?q=1');
  for (const h of ['x-secret-hop', 'keep-alive', 'te', 'proxy-authorization'])
    assert.equal(seen.headers[h], undefined, h);
  assert.equal(seen.headers['x-forwarded-for'], '127.0.0.1', 'untrusted inbound X-Forwarded-For is dropped');
  assert.equal(seen.headers.forwarded, 'for=127.0.0.1;proto=http;host="localhost"');
  assert.equal(seen.headers['x-forwarded-proto'], 'http');
  assert.equal(seen.headers.host, 'localhost');
  assert.notEqual(seen.headers['x-request-id'], 'spoofed');
  assert.match(out, new RegExp(`x-request-id: ${seen.headers['x-request-id']}`, 'i'));
  const dups = seen.rawHeaders.filter((_, i) => i % 2 === 0 && seen.rawHeaders[i]?.toLowerCase() === 'x-dup');
  assert.equal(dups.length, 2, 'duplicate end-to-end headers survive');
});

test('routes by host, including wildcard hosts; unknown host is 404 with an event', async () => {
  assert.equal(
    statusOf(await rawRequest(g.port, 'GET / HTTP/1.1\r\nHost: api.example.com\r\nConnection: close\r\n\r\n')),
    200,
  );
  const before = g.sink.events.length;
  assert.equal(
    statusOf(await rawRequest(g.port, 'GET / HTTP/1.1\r\nHost: other.test\r\nConnection: close\r\n\r\n')),
    404,
  );
  assert.equal(g.sink.events.at(-1)?.rule?.id, 'route.not-found');
  assert.equal(g.sink.events.length, before + 1);
});

test('request and response bodies stream through unchanged', async () => {
  const body = Buffer.alloc(300_000, 'abcdefgh');
  const r = await request(`${g.url}/upload`, {
    method: 'POST',
    body,
    headers: { host: 'localhost', 'content-type': 'text/plain' },
  });
  assert.equal(r.statusCode, 200);
  const j = (await r.body.json()) as { body: string };
  assert.equal(j.body.length, body.length);
  assert.equal(j.body, body.toString());
});

test('upstream down gives 502 and an event; slow gives 504; reset gives 502; the gateway keeps serving', async () => {
  const cases: [string, number, string][] = [
    ['/dead', 502, 'upstream.error'],
    ['/slow', 504, 'upstream.timeout'],
    ['/reset/x', 502, 'upstream.error'],
  ];
  for (const [path, status, rule] of cases) {
    const before = g.sink.events.length;
    const r = await request(`${g.url}${path}`, { headers: { host: 'localhost' } });
    assert.equal(r.statusCode, status, path);
    assert.equal(r.headers['content-type'], 'application/problem+json');
    await r.body.dump();
    const ev = g.sink.events.slice(before).find((e) => e.rule?.id === rule);
    assert.ok(ev, `${path}: event ${rule}`);
    assert.equal(ev.event.action, 'upstream-denied');
    const ok = await request(`${g.url}/`, { headers: { host: 'localhost' } });
    assert.equal(ok.statusCode, 200);
    await ok.body.dump();
  }
});

test('a reset in the middle of the response body cuts the client connection', async () => {
  const out = await rawRequest(g.port, 'GET /reset/mid HTTP/1.1\r\nHost: localhost\r\n\r\n', 3000);
  assert.equal(statusOf(out), 200);
  assert.ok(out.endsWith('partial'), 'the client sees a truncated body, never a complete-looking one');
});

test('idempotent requests are retried on another target, POST is not; failures eject the target', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const r = await request(`${g.url}/half/get`, { headers: { host: 'localhost' } });
    statuses.push(r.statusCode);
    await r.body.dump();
  }
  assert.deepEqual(statuses, [200, 200, 200, 200], 'GET retried on the healthy target');
  const m = await g.gw.metrics.registry.getSingleMetricAsString('rampart_gateway_upstream_up');
  assert.match(
    m,
    new RegExp(`target="http://127.0.0.1:${deadPort}"} 0`),
    'dead target ejected after consecutive failures',
  );
  const post = await request(`${g.url}/half/post`, { method: 'POST', body: 'x', headers: { host: 'localhost' } });
  assert.equal(post.statusCode, 200, 'after ejection POST goes to the healthy target');
  await post.body.dump();
});

test('upstream TLS is verified: a self-signed upstream fails, the right CA or an explicit skip works', async () => {
  const mk = (name: string) =>
    createHttpsServer(
      {
        cert: readFileSync(join(TESTDATA, 'tls', `${name}.pem`)),
        key: readFileSync(join(TESTDATA, 'tls', `${name}.key`)),
      },
      (_q, s) => s.end('tls-ok'),
    );
  const self = mk('selfsigned');
  const signed = mk('server');
  await Promise.all([
    new Promise<void>((r) => self.listen(0, '127.0.0.1', r)),
    new Promise<void>((r) => signed.listen(0, '127.0.0.1', r)),
  ]);
  const sp = (self.address() as { port: number }).port;
  const cp = (signed.address() as { port: number }).port;
  const t = await startTestGateway(`
upstreams:
  self: { targets: ["https://localhost:${sp}"], retries: 0 }
  skip: { targets: ["https://localhost:${sp}"], tls: { insecureSkipVerify: true } }
  ca: { targets: ["https://localhost:${cp}"], tls: { ca: tls/ca.pem } }
routes:
  - { name: self, match: { path: /self }, upstream: self, auth: none }
  - { name: skip, match: { path: /skip }, upstream: skip, auth: none }
  - { name: ca, match: { path: /ca }, upstream: ca, auth: none }
`);
  try {
    const get = async (p: string) => {
      const r = await request(`${t.url}${p}`);
      const text = await r.body.text();
      return [r.statusCode, text] as const;
    };
    assert.equal((await get('/self'))[0], 502);
    assert.deepEqual(await get('/skip'), [200, 'tls-ok']);
    assert.deepEqual(await get('/ca'), [200, 'tls-ok']);
  } finally {
    await t.close();
    self.close();
    signed.close();
  }
});

test('WebSocket upgrade passes through on a websocket route and is refused elsewhere', async () => {
  const ws = await startUpstream();
  const upgraded: import('node:stream').Duplex[] = [];
  ws.server.on('upgrade', (req, socket, head: Buffer) => {
    upgraded.push(socket);
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Seen-Path: ${req.url}\r\n\r\n`,
    );
    const reply = (d: Buffer) => socket.write(Buffer.concat([Buffer.from('echo:'), d]));
    if (head.length > 0) reply(head);
    socket.on('data', reply);
  });
  const t = await startTestGateway(`
upstreams:
  ws: { targets: ["${ws.url}"] }
routes:
  - { name: ws, match: { path: /ws }, upstream: ws, auth: none, websocket: true }
  - { name: plain, match: { path: /plain }, upstream: ws, auth: none }
`);
  try {
    const hs = (p: string) =>
      `GET ${p} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\nhello`;
    const out = await rawRequest(t.port, hs('/ws/chat'), 500);
    assert.equal(statusOf(out), 101, out);
    assert.match(out, /X-Seen-Path: \/ws\/chat/);
    assert.ok(out.endsWith('echo:hello'), out);
    const refused = await rawRequest(t.port, hs('/plain'), 500);
    assert.equal(statusOf(refused), 404);
    assert.equal(t.sink.events.at(-1)?.rule?.id, 'route.no-upgrade');
  } finally {
    await t.close();
    for (const s of upgraded) s.destroy();
    await ws.close();
  }
});
