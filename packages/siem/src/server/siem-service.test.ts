import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createEvent } from '@rampart/core/event';
import { HttpSink } from '@rampart/core/sinks';
import { sharedData } from '@rampart/core/testing';
import { DuckDbEventStore } from '../store/duckdb/duckdb-store.js';
import { parseSiemConfig } from './config.js';
import { startSiem, type SiemService } from './siem-service.js';

const TOKEN = 'test-token-0123456789abcdef';
const quiet = { info() {}, warn() {}, error() {} } as never;

const RULE = `title: Shadow file read via web
id: 0e9c5bd4-0000-4000-8000-000000000001
status: test
logsource:
  category: webserver
detection:
  selection:
    url.path|contains: /etc/shadow
  condition: selection
level: high
tags:
  - attack.t1003
`;

async function withSiem(extra: string, fn: (s: SiemService) => Promise<void>, store?: DuckDbEventStore): Promise<void> {
  const config = parseSiemConfig(
    `store: { path: ":memory:" }\nhttp: { port: 0, tokens: ["${TOKEN}"] }\nsyslog: { udp: { enabled: true, port: 0 }, tcp: { enabled: true, port: 0 } }\n${extra}`,
  );
  const siem = await startSiem(config, { logger: quiet, ...(store === undefined ? {} : { store }) });
  try {
    await fn(siem);
  } finally {
    await siem.close();
  }
}

const auth = { authorization: `Bearer ${TOKEN}` };
const all = { where: '1 = 1', params: [] };

async function getJson(url: string): Promise<Record<string, unknown>> {
  const r = await fetch(url, { headers: auth });
  assert.equal(r.status, 200, await r.clone().text());
  return (await r.json()) as Record<string, unknown>;
}

test('HTTP ingest: core HttpSink (NDJSON, gzip, bearer), JSON arrays, auth and input errors', async () => {
  await withSiem('', async (siem) => {
    const sink = new HttpSink({ url: `${siem.url}/api/v1/events`, token: TOKEN, gzip: true, batchSize: 7 });
    for (let i = 0; i < 20; i++)
      sink.send(createEvent({ module: 'gateway', action: 'allow', id: `sink-${i}` }, { source: { ip: '10.1.1.1' } }));
    await sink.flush();
    await sink.close();
    assert.equal(sink.stats().acked, 20);
    assert.equal(await siem.store.count({ where: 'module = $1', params: ['gateway'] }), 20);

    const array = JSON.stringify([{ msg: 'a', time: '2026-11-23T10:00:00Z' }, { msg: 'b' }]);
    let r = await fetch(`${siem.url}/api/v1/events`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: array,
    });
    assert.deepEqual(await r.json(), { accepted: 2 });
    r = await fetch(`${siem.url}/api/v1/events`, {
      method: 'POST',
      headers: { ...auth, 'content-encoding': 'gzip', 'content-type': 'application/x-ndjson' },
      body: gzipSync('{"msg":"c"}\n{"msg":"d"}\n'),
    });
    assert.deepEqual(await r.json(), { accepted: 2 });

    r = await fetch(`${siem.url}/api/v1/events`, { method: 'POST', body: '{"msg":"x"}' });
    assert.equal(r.status, 401);
    assert.match(String(r.headers.get('www-authenticate')), /Bearer/);
    r = await fetch(`${siem.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong-token-0123456789' },
      body: '{}',
    });
    assert.equal(r.status, 401);
    r = await fetch(`${siem.url}/api/v1/events`, { method: 'POST', headers: auth, body: '{"ok":1}\n{not json\n' });
    assert.equal(r.status, 400);
    const err = (await r.json()) as { error: { line: number; code: string } };
    assert.equal(err.error.line, 2);
    assert.equal(err.error.code, 'INPUT_INVALID');
    r = await fetch(`${siem.url}/api/v1/events`, {
      method: 'POST',
      headers: { ...auth, 'content-encoding': 'gzip' },
      body: 'not gzip',
    });
    assert.equal(r.status, 400);
    assert.equal(await siem.store.count(all), 24, 'refused batches store nothing');

    const hunt = await getJson(
      `${siem.url}/api/v1/events?query=${encodeURIComponent('source.ip:10.1.1.1 AND event.action:allow')}&limit=5`,
    );
    assert.equal(hunt.count, 20);
    assert.equal((hunt.events as unknown[]).length, 5);
    const agg = await getJson(`${siem.url}/api/v1/events/aggregate?countBy=event.module`);
    assert.deepEqual(agg.buckets, [
      { key: 'gateway', count: 20 },
      { key: 'json', count: 4 },
    ]);
    r = await fetch(`${siem.url}/api/v1/events?query=${encodeURIComponent('a:(')}`, { headers: auth });
    assert.equal(r.status, 400);
    const metrics = await (await fetch(`${siem.url}/metrics`)).text();
    assert.match(metrics, /rampart_siem_events_ingested_total\{source="http"\} 24/);
    assert.match(metrics, /rampart_siem_events_rejected_total\{source="http",reason="unauthorized"\} 2/);
  });
});

const k8s = sharedData('siem/k8s-audit/trace_files');

test('Kubernetes audit webhook: an EventList of real audit events is stored; a malformed one is refused', {
  skip: k8s.skip,
}, async () => {
  await withSiem('', async (siem) => {
    const items = ['create_configmap_sensitive_values.json', 'attach_pod.json']
      .flatMap((f) => readFileSync(join(k8s.path, f), 'utf8').trim().split('\n'))
      .map((l) => JSON.parse(l) as unknown);
    const body = JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items });
    let r = await fetch(`${siem.url}/api/v1/k8s-audit`, { method: 'POST', headers: auth, body });
    assert.deepEqual(await r.json(), { accepted: items.length });
    const bad = readFileSync(join(k8s.path, 'fal_01_003.json'), 'utf8');
    r = await fetch(`${siem.url}/api/v1/k8s-audit`, { method: 'POST', headers: auth, body: bad });
    assert.equal(r.status, 400);
    r = await fetch(`${siem.url}/api/v1/k8s-audit`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ kind: 'EventList', items: [{ kind: 0 }] }),
    });
    assert.equal(r.status, 400);
    assert.equal(((await r.json()) as { error: { field: string } }).error.field, 'items[0]');
    const hunt = await getJson(
      `${siem.url}/api/v1/events?query=${encodeURIComponent('objectRef.resource:configmaps')}`,
    );
    assert.equal(hunt.count, 6);
  });
});

test('syslog over UDP and TCP (octet counting and newline framing) is stored', async () => {
  await withSiem('', async (siem) => {
    const udp = createSocket('udp4');
    await new Promise<void>((r) =>
      udp.send('<34>1 2026-11-23T10:00:00Z host-u app - - - over udp', siem.syslogUdpPort, '127.0.0.1', () => r()),
    );
    udp.close();
    const msg1 = '<13>1 2026-11-23T10:00:01Z host-t app 1 - - octet counted\nwith newline';
    const tcpPayload = `${Buffer.byteLength(msg1)} ${msg1}<13>Nov 23 10:00:02 host-t sshd[7]: newline framed\n`;
    await new Promise<void>((resolve, reject) => {
      const c = createConnection(siem.syslogTcpPort as number, '127.0.0.1', () => {
        // Split mid-frame: framing must not depend on packet boundaries.
        c.write(tcpPayload.slice(0, 25));
        setTimeout(() => c.end(tcpPayload.slice(25)), 20);
      });
      c.on('close', () => resolve());
      c.on('error', reject);
    });
    for (let i = 0; i < 100 && (await siem.store.count(all)) < 3; i++) await new Promise((r) => setTimeout(r, 20));
    const events = await siem.store.search(all, { order: 'asc' });
    assert.deepEqual(
      events.map((e) => e.message),
      ['over udp', 'octet counted\nwith newline', 'newline framed'],
    );
    assert.equal(events[2]?.event.dataset, 'syslog.rfc3164');
  });
});

test('backpressure: a full queue answers 429 with Retry-After, and accepts again once drained', async () => {
  const inner = await DuckDbEventStore.open(':memory:');
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const slow = Object.create(inner) as DuckDbEventStore;
  slow.appendEvents = async (e) => {
    await gate;
    return inner.appendEvents(e);
  };
  await withSiem(
    'queue: { maxEvents: 3, batchSize: 3 }',
    async (siem) => {
      const post = (n: number) =>
        fetch(`${siem.url}/api/v1/events`, { method: 'POST', headers: auth, body: '{"a":1}\n'.repeat(n) });
      const first = post(3);
      await new Promise((r) => setTimeout(r, 50));
      const refused = await post(1);
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '1');
      release();
      assert.equal((await first).status, 200);
      assert.equal((await post(1)).status, 200);
      assert.equal(await inner.count(all), 4);
    },
    slow,
  );
});

test('rules → alerts → incident workflow over the API; retro-hunt over stored events', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'rampart-rules-'));
  writeFileSync(join(dir, 'rule.yml'), RULE);
  try {
    await withSiem(`sigma: { rules: ["${dir}"] }`, async (siem) => {
      const attack = (ip: string, id: string) =>
        createEvent(
          { module: 'gateway', action: 'allow', id },
          { source: { ip }, url: { path: '/download/../../etc/shadow' } },
        );
      const body = [attack('203.0.113.5', 'x1'), attack('203.0.113.5', 'x2'), attack('198.51.100.7', 'x3')]
        .map((e) => JSON.stringify(e))
        .join('\n');
      const r = await fetch(`${siem.url}/api/v1/events`, { method: 'POST', headers: auth, body });
      assert.equal(r.status, 200);
      // Two entities → two alerts (the second hit on 203.0.113.5 is de-duplicated within the window).
      const alerts = (await getJson(`${siem.url}/api/v1/alerts`)).alerts as {
        ruleId: string;
        entity: string;
        level: string;
      }[];
      assert.deepEqual(alerts.map((a) => a.entity).sort(), ['source.ip=198.51.100.7', 'source.ip=203.0.113.5']);
      assert.equal(alerts[0]?.level, 'high');
      assert.equal(
        (await siem.store.search({ where: 'kind = $1', params: ['alert'] })).length,
        2,
        'alerts are events too',
      );

      let incidents: { id: string; entity: string; status: string }[] = [];
      for (let i = 0; i < 50 && incidents.length < 2; i++) {
        incidents = (await getJson(`${siem.url}/api/v1/incidents`)).incidents as typeof incidents;
        if (incidents.length < 2) await new Promise((res) => setTimeout(res, 20));
      }
      assert.equal(incidents.length, 2);
      const id = incidents[0]?.id as string;
      const post = (path: string, b: unknown) =>
        fetch(`${siem.url}/api/v1/incidents/${id}/${path}`, { method: 'POST', headers: auth, body: JSON.stringify(b) });
      assert.equal((await post('status', { status: 'triaged', author: 'ana' })).status, 200);
      assert.equal((await post('assign', { assignee: 'ben' })).status, 200);
      assert.equal((await post('notes', { text: 'blocked source at the gateway' })).status, 200);
      assert.equal((await post('status', { status: 'new' })).status, 409);
      const detail = await getJson(`${siem.url}/api/v1/incidents/${id}`);
      assert.deepEqual(
        (detail.timeline as { kind: string }[]).map((t) => t.kind),
        ['created', 'status', 'assign', 'note'],
      );
      assert.equal((detail.events as unknown[]).length, 1);
      assert.equal((await fetch(`${siem.url}/api/v1/incidents/nope`, { headers: auth })).status, 404);

      const retro = await fetch(`${siem.url}/api/v1/retro-hunt`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ rule: RULE }),
      });
      const rh = (await retro.json()) as { scanned: number; matches: { event: { event: { id: string } } }[] };
      assert.deepEqual(rh.matches.map((m) => m.event.event.id).sort(), ['x1', 'x2', 'x3']);
      const byId = await fetch(`${siem.url}/api/v1/retro-hunt`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ ruleIds: ['0e9c5bd4-0000-4000-8000-000000000001'], from: 'now-1h' }),
      });
      assert.equal(((await byId.json()) as { matches: unknown[] }).matches.length, 3);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
