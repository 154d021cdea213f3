import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEvent, type SecurityEvent } from '@rampart/core/event';
import { DuckDbEventStore } from '../store/duckdb/duckdb-store.js';
import { compileQuery } from './compile.js';
import { aggregate, hunt } from './hunt.js';

const base = Date.parse('2026-11-23T10:00:00Z');

function fixture(): SecurityEvent[] {
  const out: SecurityEvent[] = [];
  for (let i = 0; i < 60; i++) {
    out.push(
      createEvent(
        { module: 'gateway', action: i % 3 === 0 ? 'deny' : 'allow', timestamp: base + i * 60_000, id: `e${i}` },
        {
          source: { ip: `10.0.0.${i % 4}` },
          http: { request: { method: i % 2 === 0 ? 'GET' : 'POST' }, response: { status_code: 200 + (i % 5) * 100 } },
          url: { path: `/api/v1/items/${i}` },
          message: i === 7 ? "Robert'); DROP TABLE events;-- logged in" : `request ${i}`,
          labels: { tenant: i < 30 ? 'blue' : 'red' },
        },
      ),
    );
  }
  return out;
}

async function withStore(fn: (s: DuckDbEventStore) => Promise<void>): Promise<void> {
  const store = await DuckDbEventStore.open(':memory:');
  try {
    await store.appendEvents(fixture());
    await fn(store);
  } finally {
    await store.close();
  }
}

test('field:value, wildcards, ranges, NOT and parentheses select exactly the expected events', async () => {
  await withStore(async (store) => {
    const q = async (query: string) => (await hunt(store, { query, limit: 1000 })).count;
    assert.equal(await q('event.action:deny'), 20);
    assert.equal(await q('source.ip:10.0.0.1 AND http.request.method:POST'), 15);
    assert.equal(await q('url.path:\\/api\\/v1\\/items\\/1*'), 11);
    assert.equal(await q('url.path:"/api/v1/items/1*"'), 0, 'quoted: no wildcard');
    assert.equal(await q('http.response.status_code:[400 TO 600]'), 36);
    assert.equal(await q('http.response.status_code:>=500'), 24);
    assert.equal(await q('labels.tenant:red AND NOT event.action:deny'), 20);
    assert.equal(await q('(labels.tenant:red OR source.ip:10.0.0.0) AND http.request.method:GET'), 23);
    assert.equal(await q('NOT labels.missing:x'), 60, 'NOT matches events without the field');
    assert.equal(await q('labels.missing:null'), 60);
    assert.equal(await q('url.path:/items\\/5.$/'), 0);
    assert.equal(await q('url.path:/.*items.5[0-9]/'), 10);
    assert.equal(await q('-event.action:deny AND labels.tenant:blue'), 20);
    assert.equal(await q('http.response.status_code:[500 TO *]'), 24);
    assert.equal(await q('@timestamp:[2026-11-23T10\\:10\\:00Z TO 2026-11-23T10\\:19\\:59Z]'), 10);
    assert.equal(await q('source.ip:10.0.0.3 OR source.ip:10.0.0.2'), 30);
    assert.equal(await q('message:"drop table"'), 1, 'message is full text, case-insensitive');
    assert.equal(await q('"request 5"'), 11, 'a bare phrase searches the whole event');
    assert.equal(await q(''), 60);
  });
});

test('the time range bounds the hunt; results come newest first', async () => {
  await withStore(async (store) => {
    const r = await hunt(store, { from: '2026-11-23T10:10:00Z', to: '2026-11-23T10:20:00Z', limit: 3 });
    assert.equal(r.count, 10);
    assert.deepEqual(
      r.events.map((e) => e.event.id),
      ['e19', 'e18', 'e17'],
    );
  });
});

test('count by field, top-N and the time histogram', async () => {
  await withStore(async (store) => {
    const top = await aggregate(store, { countBy: 'http.request.method', query: 'labels.tenant:blue' });
    assert.deepEqual(top, {
      buckets: [
        { key: 'GET', count: 15 },
        { key: 'POST', count: 15 },
      ],
    });
    const top1 = await aggregate(store, { countBy: 'labels.tenant', query: 'event.action:allow', limit: 1 });
    assert.deepEqual(top1, { buckets: [{ key: 'blue', count: 20 }] });
    const h = await aggregate(store, { interval: '15m', query: 'event.action:deny' });
    assert.ok('histogram' in h);
    assert.deepEqual(
      h.histogram.map((b) => [new Date(b.startMs).toISOString().slice(11, 16), b.count]),
      [
        ['10:00', 5],
        ['10:15', 5],
        ['10:30', 5],
        ['10:45', 5],
      ],
    );
  });
});

test('SQL injection: query text only ever reaches SQL as bound parameters', async () => {
  await withStore(async (store) => {
    const attempts = [
      `message:"x'); DROP TABLE events;--"`,
      `message:"Robert'); DROP TABLE events;--"`,
      `labels.tenant:"blue' OR '1'='1"`,
      `"' OR 1=1 --"`,
      `url.path:/.*'); DELETE FROM events; --/`,
      `labels.tenant:blue\\' OR 1=1`,
      `http.response.status_code:>0 OR 1=1`,
    ];
    for (const query of attempts) {
      let r: { count: number } | undefined;
      try {
        r = await hunt(store, { query });
      } catch (e) {
        assert.equal((e as { code?: string }).code, 'SIEM_QUERY_INVALID', `${query}: ${(e as Error).message}`);
        continue;
      }
      assert.ok(r.count <= 60, query);
    }
    assert.equal((await hunt(store, { query: `message:"Robert'); DROP TABLE events;--"` })).count, 1);
    assert.equal((await hunt(store, { query: `labels.tenant:"blue' OR '1'='1"` })).count, 0);
    assert.equal((await hunt(store, {})).count, 60, 'the table is intact');
  });
});

test('property: compiled SQL text is built only from fixed fragments, never from query text', () => {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const pieces = [
    'a',
    'b.c',
    ':',
    '"',
    "'",
    ';',
    '--',
    '/*',
    ')',
    '(',
    ' ',
    'AND',
    'OR',
    'NOT',
    '*',
    '?',
    '\\',
    '$1',
    'x',
    '[1 TO 2]',
    '>',
    '/r/',
    'DROP',
    '%',
    '_',
  ];
  // Every SQL token the compiler may emit; a value or field name from the query would add another token.
  const allowed =
    /^(?:\s|\(|\)|,|\$\d+|=|<=|>=|<|>|'\\'|0|1|AND|OR|NOT|IS|NULL|LIKE|ILIKE|ESCAPE|coalesce|false|TRY_CAST|CAST|AS|DOUBLE|VARCHAR|[a-z_]+)+$/;
  let compiled = 0;
  for (let i = 0; i < 3000; i++) {
    let q = '';
    for (let k = 1 + Math.floor(rnd() * 8); k > 0; k--) q += pieces[Math.floor(rnd() * pieces.length)];
    try {
      const { where, params } = compileQuery(q);
      compiled++;
      assert.match(where, allowed, `${q} → ${where}`);
      const used = new Set([...where.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      assert.equal(used.size, params.length, `${q}: every parameter is bound exactly`);
    } catch (e) {
      assert.equal((e as { code?: string }).code, 'SIEM_QUERY_INVALID', `${q}: ${(e as Error).message}`);
    }
  }
  assert.ok(compiled > 250, `enough random queries compiled (${compiled})`);
});
