import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { createEvent } from '../event/build.js';
import type { SecurityEvent } from '../event/types.js';
import { HttpSink, parseRetryAfter } from './http.js';

interface Receiver {
  server: Server;
  port: number;
  batches: { headers: IncomingMessage['headers']; events: SecurityEvent[] }[];
  ids: () => string[];
  close: () => Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => boolean | undefined;

/** A real SIEM-like receiver on 127.0.0.1: decodes gzip NDJSON; `handler` may answer first (e.g. 429). */
async function receiver(port = 0, handler?: Handler): Promise<Receiver> {
  const batches: Receiver['batches'] = [];
  let n = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (handler?.(req, res, n++) === true) return;
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const events = body
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as SecurityEvent);
      batches.push({ headers: req.headers, events });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    batches,
    ids: () => batches.flatMap((b) => b.events.map((e) => e.event.id)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const ev = (i: number) => createEvent({ module: 'gateway', action: 'test', id: `e${i}` });

async function freePort(): Promise<number> {
  const r = await receiver();
  await r.close();
  return r.port;
}

test('batches by size, with bearer auth, gzip and NDJSON', async () => {
  const r = await receiver();
  const sink = new HttpSink({
    url: `http://127.0.0.1:${r.port}/api/v1/events`,
    token: 'tok',
    batchSize: 10,
    gzip: true,
    flushIntervalMs: 60_000,
  });
  for (let i = 0; i < 25; i++) sink.send(ev(i));
  await sink.flush();
  await sink.close();
  await r.close();
  assert.deepEqual(
    r.batches.map((b) => b.events.length),
    [10, 10, 5],
  );
  assert.equal(r.batches[0]?.headers.authorization, 'Bearer tok');
  assert.equal(r.batches[0]?.headers['content-type'], 'application/x-ndjson');
  assert.equal(r.batches[0]?.headers['content-encoding'], 'gzip');
  assert.deepEqual(
    r.ids(),
    Array.from({ length: 25 }, (_, i) => `e${i}`),
  );
  assert.deepEqual(
    { ...sink.stats(), retries: 0 },
    { received: 25, acked: 25, dropped: 0, rejected: 0, queued: 0, retries: 0 },
  );
});

test('batches by time: a partial batch goes out after flushIntervalMs without a flush call', async () => {
  const r = await receiver();
  const sink = new HttpSink({ url: `http://127.0.0.1:${r.port}/`, batchSize: 100, flushIntervalMs: 50 });
  for (let i = 0; i < 3; i++) sink.send(ev(i));
  for (let waited = 0; r.batches.length === 0 && waited < 5000; waited += 10)
    await new Promise((res) => setTimeout(res, 10));
  assert.equal(r.batches.length, 1);
  assert.equal(r.batches[0]?.events.length, 3);
  await sink.close();
  await r.close();
});

test('receiver down, then up: every event arrives exactly once, in order', async () => {
  const port = await freePort();
  const sink = new HttpSink({
    url: `http://127.0.0.1:${port}/`,
    batchSize: 7,
    flushIntervalMs: 10,
    retryBaseMs: 10,
    retryMaxMs: 50,
  });
  for (let i = 0; i < 50; i++) sink.send(ev(i));
  await new Promise((res) => setTimeout(res, 200));
  assert.ok(sink.stats().retries > 0, 'it retried while the receiver was down');
  for (let i = 50; i < 60; i++) sink.send(ev(i));
  const r = await receiver(port);
  await sink.flush();
  await sink.close();
  await r.close();
  assert.deepEqual(
    r.ids(),
    Array.from({ length: 60 }, (_, i) => `e${i}`),
  );
  const st = sink.stats();
  assert.equal(st.acked, 60);
  assert.equal(st.dropped, 0);
});

test('receiver down for good: memory stays bounded, the drop count is exact, close gives up at its deadline', async () => {
  const port = await freePort();
  const sink = new HttpSink({
    url: `http://127.0.0.1:${port}/`,
    batchSize: 10,
    maxBuffer: 100,
    flushIntervalMs: 10,
    retryBaseMs: 5,
    retryMaxMs: 20,
    shutdownTimeoutMs: 300,
  });
  for (let i = 0; i < 1000; i++) sink.send(ev(i));
  // The 10th send started the first batch (10 in flight); the buffer then kept the newest 100 and dropped the rest.
  assert.equal(sink.stats().dropped, 1000 - 10 - 100);
  assert.equal(sink.stats().queued, 110);
  await new Promise((res) => setTimeout(res, 100));
  for (let i = 1000; i < 1500; i++) sink.send(ev(i));
  const st = sink.stats();
  assert.ok(st.queued <= 110, `bounded: ${st.queued} queued (buffer 100 + one batch of 10 in flight)`);
  assert.equal(st.received, st.dropped + st.queued + st.acked);
  const started = Date.now();
  await sink.close();
  assert.ok(Date.now() - started < 3000, 'close respects its deadline');
  const end = sink.stats();
  assert.equal(end.acked, 0);
  assert.equal(end.queued, 0);
  assert.equal(end.dropped, 1500, 'everything not delivered is counted as dropped, exactly');
});

test('shutdown flushes what is buffered', async () => {
  const r = await receiver();
  const sink = new HttpSink({ url: `http://127.0.0.1:${r.port}/`, batchSize: 1000, flushIntervalMs: 60_000 });
  for (let i = 0; i < 42; i++) sink.send(ev(i));
  await sink.close();
  await r.close();
  assert.equal(r.ids().length, 42);
  sink.send(ev(99));
  assert.equal(sink.stats().dropped, 1, 'after close, events are counted as dropped, never thrown');
});

test('429 with Retry-After is honoured; 400 is a permanent rejection', async () => {
  let firstAt = 0;
  let secondAt = 0;
  const r = await receiver(0, (_req, res, n) => {
    if (n === 0) {
      firstAt = Date.now();
      res.writeHead(429, { 'retry-after': '1' }).end();
      return true;
    }
    if (n === 1) secondAt = Date.now();
    return undefined;
  });
  const sink = new HttpSink({ url: `http://127.0.0.1:${r.port}/`, batchSize: 2, retryBaseMs: 1, retryMaxMs: 5 });
  sink.send(ev(1));
  sink.send(ev(2));
  await sink.flush();
  assert.ok(secondAt - firstAt >= 950, `waited ${secondAt - firstAt} ms after 429 Retry-After: 1`);
  assert.deepEqual(r.ids(), ['e1', 'e2']);
  await sink.close();
  await r.close();

  const bad = await receiver(0, (_req, res) => {
    res.writeHead(400).end();
    return true;
  });
  const errors: Error[] = [];
  const s2 = new HttpSink({ url: `http://127.0.0.1:${bad.port}/`, batchSize: 3, onError: (e) => errors.push(e) });
  for (let i = 0; i < 3; i++) s2.send(ev(i));
  await s2.flush();
  await s2.close();
  await bad.close();
  assert.equal(s2.stats().rejected, 3);
  assert.match(errors[0]?.message ?? '', /HTTP 400/);
});

test('parseRetryAfter: seconds and HTTP dates', () => {
  assert.equal(parseRetryAfter('3'), 3000);
  assert.equal(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000), 6000);
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(undefined), undefined);
});
