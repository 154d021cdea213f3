import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEvent } from '@rampart/core/event';
import type { Normalized } from '../normalize/types.js';
import { DuckDbEventStore } from '../store/duckdb/duckdb-store.js';
import { IngestPipeline } from './pipeline.js';

const items = (n: number, prefix: string): Normalized[] =>
  Array.from({ length: n }, (_, i) => ({
    event: createEvent({ module: 't', action: 'a', id: `${prefix}${i}` }),
    logsource: {},
  }));
const all = { where: '1 = 1', params: [] };

test('a failing detection step fails open: the events are still stored', async () => {
  const store = await DuckDbEventStore.open(':memory:');
  const errors: string[] = [];
  const pipeline = new IngestPipeline({
    store,
    detection: {
      rules: 1,
      detect() {
        throw new Error('rule blew up');
      },
    },
    onError: (m) => errors.push(m),
  });
  await pipeline.submit(items(5, 'a'), 'test');
  assert.equal(await store.count(all), 5);
  assert.match(errors[0] ?? '', /rule blew up/);
  await pipeline.close();
  await store.close();
});

test('a failing store rejects the submit (never acknowledged); a closed pipeline refuses with 503 semantics', async () => {
  const store = await DuckDbEventStore.open(':memory:');
  const broken = Object.create(store) as DuckDbEventStore;
  broken.appendEvents = async () => {
    throw new Error('disk full');
  };
  const pipeline = new IngestPipeline({ store: broken, detection: { rules: 0, detect: () => [] } });
  await assert.rejects(pipeline.submit(items(2, 'b'), 'test'), { code: 'SIEM_STORE_WRITE' });
  assert.equal(pipeline.queuedEvents, 0);
  await pipeline.close();
  await assert.rejects(pipeline.submit(items(1, 'c'), 'test'), { code: 'SIEM_UNAVAILABLE' });
  await store.close();
});

test('the queue is bounded: over capacity is refused at once, and batches keep submit order', async () => {
  const store = await DuckDbEventStore.open(':memory:');
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const slow = Object.create(store) as DuckDbEventStore;
  slow.appendEvents = async (e) => {
    await gate;
    return store.appendEvents(e);
  };
  const pipeline = new IngestPipeline({
    store: slow,
    detection: { rules: 0, detect: () => [] },
    maxQueuedEvents: 10,
    batchSize: 4,
  });
  const a = pipeline.submit(items(6, 'x'), 'test');
  const b = pipeline.submit(items(4, 'y'), 'test');
  await assert.rejects(pipeline.submit(items(1, 'z'), 'test'), { code: 'SIEM_BACKPRESSURE', retryAfterSeconds: 1 });
  assert.equal(pipeline.queuedEvents, 10);
  release();
  await Promise.all([a, b]);
  assert.equal(pipeline.queuedEvents, 0);
  const ids = (await store.search(all, { order: 'asc', limit: 100 })).map((e) => e.event.id);
  assert.equal(ids.length, 10);
  await pipeline.close();
  await store.close();
});
