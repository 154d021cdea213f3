/** Precompiled field readers must read exactly what core's getField reads (seeded property test). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getField } from '@rampart/core/event';
import { compileReader } from './field-slot.js';
import { pick, seeded } from './testing/random.js';

const NAMES = ['a', 'b', 'c', 'a.b', 'b.c', 'a.b.c'];
const PATHS = ['a', 'b', 'a.b', 'b.c', 'a.b.c', 'a.b.c.d', 'c.a', 'x', 'a.x', 'toString', 'a.constructor'];

function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth > 2 || r < 0.3) return pick(rand, ['v', 1, true, null, '', 0]);
  if (r < 0.4) return [randomValue(rand, depth + 1), randomValue(rand, depth + 1)];
  const o: Record<string, unknown> = {};
  const n = Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) o[pick(rand, NAMES)] = randomValue(rand, depth + 1);
  return o;
}

test('compiled field readers equal getField on nested, flat-dotted and mixed events', () => {
  const rand = seeded(9);
  let found = 0;
  for (let i = 0; i < 3000; i++) {
    const event = randomValue(rand, 0);
    for (const path of PATHS) {
      const want = getField(event, path);
      assert.equal(compileReader(path)(event), want, `${path} in ${JSON.stringify(event)}`);
      if (want !== undefined) found++;
    }
  }
  assert.ok(found > 1000, 'the generated events do carry the fields');
});
