/**
 * Programmatic protect(): events reach the SIEM over core's HttpSink (a real HTTP receiver here), monitor mode reports
 * without blocking, and allowlists per route and sink let a known-safe detection through.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import type { SecurityEvent } from '@rampart/core/event';
import { protect } from '../index.js';
import { close, EventCollector, listen, send } from './harness.js';

const require = createRequire(import.meta.url);
const events = new EventCollector();
let protection = protect({ events, log: false });
const Database = require('better-sqlite3');
const db = new Database(':memory:');

let app: Server;
let base = '';
let siem: Server;
let siemUrl = '';
const received: { auth: string | undefined; type: string | undefined; events: SecurityEvent[] }[] = [];

before(async () => {
  app = createServer((req, res) => {
    const v = new URL(req.url ?? '/', 'http://x').searchParams.get('v') ?? '';
    try {
      res.end(JSON.stringify(db.prepare(`SELECT '${v}' AS v`).all()));
    } catch (e) {
      res.statusCode = (e as { statusCode?: number }).statusCode ?? 500;
      res.end();
    }
  });
  base = await listen(app);
  siem = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const lines = body.toString('utf8').split('\n').filter(Boolean);
      received.push({
        auth: req.headers.authorization,
        type: req.headers['content-type'],
        events: lines.map((l) => JSON.parse(l) as SecurityEvent),
      });
      res.statusCode = 202;
      res.end();
    });
  });
  siemUrl = `${await listen(siem)}/api/v1/events`;
});

after(async () => {
  await protection.stop();
  await close(app);
  await close(siem);
});

const ATTACK = "x' OR 1=1 --";

test('events go to the SIEM as NDJSON over HTTP, batched, with sink, masked payload, route and app frame', async () => {
  protection = protect({ siemUrl, siemToken: 'tok-123', log: false, service: { name: 'shop' } });
  assert.equal((await send(`${base}/search?v=${encodeURIComponent(ATTACK)}`)).status, 403);
  assert.equal(
    (await send(`${base}/search?v=${encodeURIComponent(`${ATTACK} sk_live_0123456789abcdefghij`)}`)).status,
    403,
  );
  await protection.flush();
  const all = received.flatMap((r) => r.events);
  assert.equal(all.length, 2);
  assert.equal(received[0]?.auth, 'Bearer tok-123');
  assert.match(received[0]?.type ?? '', /application\/x-ndjson/);
  const e = all[0] as SecurityEvent;
  assert.equal(e.event.module, 'rasp');
  assert.equal(e.event.kind, 'alert');
  assert.deepEqual(e.event.type, ['denied']);
  assert.equal(e.event.outcome, 'failure');
  assert.equal(e.url?.path, '/search');
  assert.equal(e.service?.name, 'shop');
  const rasp = e.rampart?.rasp as { sink: string; payload: string; source: string; frame?: { file: string } };
  assert.equal(rasp.sink, 'better-sqlite3.prepare');
  assert.equal(rasp.source, 'query');
  assert.equal(rasp.payload, ATTACK);
  assert.match(String(rasp.frame?.file), /options\.test\.js$/);
  const masked = String((all[1]?.rampart?.rasp as { payload?: string } | undefined)?.payload);
  assert.ok(!masked.includes('sk_live_0123456789abcdefghij'), masked);
});

test('monitor mode reports the detection and lets the call run', async () => {
  protection = protect({ mode: 'monitor', events, log: false });
  events.clear();
  const r = await send(`${base}/search?v=${encodeURIComponent(ATTACK)}`);
  assert.equal(r.status, 200);
  assert.equal(events.events.length, 1);
  assert.equal(events.last()?.event.outcome, 'unknown');
  assert.equal((events.last()?.rampart?.rasp as { blocked?: boolean } | undefined)?.blocked, false);
});

test('allowlists per route and sink let their detections through; other routes stay blocked', async () => {
  protection = protect({
    events,
    log: false,
    allow: [
      { route: 'GET /admin/**', sink: 'sql' },
      { route: '/reports/*', kind: 'shell_injection' },
    ],
  });
  events.clear();
  assert.equal((await send(`${base}/admin/sql/console?v=${encodeURIComponent(ATTACK)}`)).status, 200);
  assert.equal(events.events.length, 0);
  assert.equal((await send(`${base}/reports/x?v=${encodeURIComponent(ATTACK)}`)).status, 403, 'kind does not match');
  assert.equal((await send(`${base}/adminx?v=${encodeURIComponent(ATTACK)}`)).status, 403);
});
