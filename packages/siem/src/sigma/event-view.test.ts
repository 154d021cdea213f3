/** The detector reuses one view for every event: a reset view must read exactly what a fresh view reads. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventView } from './event-view.js';
import { pick, seeded } from './testing/random.js';

const FIELDS = ['verb', 'user.name', 'path', 'code'];
const VALUES = ['GET', 'get', 'Alice', 'alice', 'Ünïcode', '/Admin', 200, true, null];

test('a reused view reads each event as a fresh view does (seeded property test)', () => {
  const rand = seeded(7);
  const reused = new EventView({});
  for (let i = 0; i < 2000; i++) {
    const event: Record<string, unknown> = {};
    for (const f of FIELDS) {
      if (rand() < 0.3) continue;
      const v = rand() < 0.2 ? [pick(rand, VALUES), pick(rand, VALUES)] : pick(rand, VALUES);
      if (f === 'user.name' && rand() < 0.5) event.user = { name: v };
      else event[f] = v;
    }
    reused.reset(event);
    const fresh = new EventView(event);
    // Read in a random order, so cached and uncached paths both meet every field.
    for (const f of [...FIELDS].sort(() => rand() - 0.5)) {
      if (rand() < 0.5) assert.deepEqual(reused.lowers(f), fresh.lowers(f), f);
      assert.deepEqual(reused.strings(f), fresh.strings(f), f);
      assert.deepEqual(reused.lowers(f), fresh.lowers(f), f);
      assert.equal(reused.get(f), fresh.get(f), f);
    }
    assert.deepEqual(reused.allLowers(), new EventView(event).allLowers());
  }
});
