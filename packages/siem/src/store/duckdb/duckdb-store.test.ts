import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createEvent, type SecurityEvent } from '@rampart/core/event';
import { DuckDbEventStore } from './duckdb-store.js';

const t0 = Date.parse('2026-11-01T00:00:00Z');
const day = 86_400_000;

function events(n: number, startMs: number, stepMs: number): SecurityEvent[] {
  return Array.from({ length: n }, (_, i) =>
    createEvent(
      { module: 'test', action: 'a', timestamp: startMs + i * stepMs, id: `ev-${startMs + i * stepMs}-${i}` },
      { message: 'x'.repeat(100) },
    ),
  );
}

const all = { where: '1 = 1', params: [] };

test('events survive closing and reopening the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-store-'));
  try {
    const path = join(dir, 'siem.duckdb');
    let store = await DuckDbEventStore.open(path);
    await store.appendEvents(events(500, t0, 1000));
    await store.close();
    store = await DuckDbEventStore.open(path);
    assert.equal(await store.count(all), 500);
    const [e] = await store.getEvents([`ev-${t0}-0`]);
    assert.equal(e?.event.id, `ev-${t0}-0`);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scan pages through a time range in order without losing events that share a timestamp', async () => {
  const store = await DuckDbEventStore.open(':memory:');
  try {
    // 7 events per millisecond: pages of 5 cut through groups of equal timestamps.
    const batch = Array.from({ length: 70 }, (_, i) =>
      createEvent({
        module: 't',
        action: 'a',
        timestamp: t0 + Math.floor(i / 7),
        id: `e${String(i).padStart(3, '0')}`,
      }),
    );
    await store.appendEvents(batch);
    const seen: string[] = [];
    for await (const page of store.scan({ fromMs: t0 + 2, toMs: t0 + 9 }, 5))
      for (const e of page) seen.push(e.event.id);
    assert.equal(seen.length, 49);
    assert.equal(new Set(seen).size, 49);
    assert.deepEqual(seen.slice(0, 2), ['e014', 'e015']);
  } finally {
    await store.close();
  }
});

test('retention by age, then by count, then by bytes, always oldest first', async () => {
  const store = await DuckDbEventStore.open(':memory:');
  try {
    await store.appendEvents(events(30, t0, day)); // one per day for 30 days
    const now = t0 + 30 * day;
    const byAge = await store.applyRetention({ maxAgeMs: 10 * day }, now);
    assert.deepEqual(byAge, { deletedByAge: 20, deletedBySize: 0 });
    assert.equal(await store.count(all), 10);
    const byCount = await store.applyRetention({ maxEvents: 4 }, now);
    assert.equal(byCount.deletedBySize, 6);
    const kept = await store.search(all, { order: 'asc' });
    assert.deepEqual(
      kept.map((e) => e['@timestamp'].slice(0, 10)),
      ['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'],
    );
    const size = JSON.stringify(kept[0]).length;
    const byBytes = await store.applyRetention({ maxBytes: size * 2 + 1 }, now);
    assert.equal(byBytes.deletedBySize, 2);
    assert.deepEqual(
      (await store.search(all, { order: 'asc' })).map((e) => e['@timestamp'].slice(0, 10)),
      ['2026-11-29', '2026-11-30'],
    );
  } finally {
    await store.close();
  }
});
