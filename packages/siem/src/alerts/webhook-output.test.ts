import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { createEvent } from '@rampart/core/event';
import { toAlertRecord } from './alert-record.js';
import { signBody, webhookOutput } from './webhook-output.js';

test('webhook: retries after 503 with backoff, then delivers a body whose HMAC verifies', async () => {
  const received: { body: string; sig: string; ts: string }[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      calls++;
      if (calls <= 2) {
        res.writeHead(503).end();
        return;
      }
      received.push({
        body,
        sig: String(req.headers['x-rampart-signature']),
        ts: String(req.headers['x-rampart-timestamp']),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  try {
    const out = webhookOutput({ url, secret: 's3cret', backoffMs: 10 });
    const a = toAlertRecord(
      createEvent(
        { module: 'siem', kind: 'alert', action: 'sigma-match' },
        { rule: { id: 'r', name: 'R' }, source: { ip: '1.2.3.4' } },
      ),
    );
    out.send([a]);
    await out.close();
    assert.equal(calls, 3);
    assert.equal(received.length, 1);
    const r = received[0]!;
    assert.equal(r.sig, signBody('s3cret', r.ts, r.body));
    assert.notEqual(r.sig, signBody('other', r.ts, r.body));
    const parsed = JSON.parse(r.body) as { alerts: { rule: { id: string }; rampart: { siem: { entity: string } } }[] };
    assert.equal(parsed.alerts[0]?.rule.id, 'r');
    assert.equal(parsed.alerts[0]?.rampart.siem.entity, 'source.ip=1.2.3.4');
    assert.deepEqual(out.stats(), { sent: 1, failed: 0, dropped: 0 });
  } finally {
    server.close();
  }
});

test('webhook: a 4xx is not retried; an unreachable host fails after the attempt budget', async () => {
  let calls = 0;
  const server = createServer((_req, res) => {
    calls++;
    res.writeHead(400).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const errors: string[] = [];
  try {
    const a = toAlertRecord(createEvent({ module: 'siem', kind: 'alert', action: 'x' }, { rule: { id: 'r' } }));
    const out = webhookOutput({ url: `http://127.0.0.1:${port}/`, backoffMs: 1, onError: (m) => errors.push(m) });
    out.send([a]);
    await out.close();
    assert.equal(calls, 1);
    assert.deepEqual(out.stats(), { sent: 0, failed: 1, dropped: 0 });
  } finally {
    await new Promise((r) => server.close(r));
  }
  const dead = webhookOutput({
    url: `http://127.0.0.1:${port}/`,
    backoffMs: 1,
    maxAttempts: 3,
    onError: (m) => errors.push(m),
  });
  dead.send([toAlertRecord(createEvent({ module: 'siem', kind: 'alert', action: 'x' }))]);
  await dead.close();
  assert.deepEqual(dead.stats(), { sent: 0, failed: 1, dropped: 0 });
  assert.equal(errors.length, 2);
});
