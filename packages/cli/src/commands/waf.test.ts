/** `rampart waf test` prints one JSON object per stage then totals; `rampart waf eval` judges a raw request. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';
import { runCli } from '../testing.js';

const rampart = (args: string[]) => runCli(args, {});

test('waf test --format json: one object per stage, then totals', async () => {
  const r = await rampart(['waf', 'test', join(repoRoot(), 'packages/waf/testdata/ftw'), '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  assert.deepEqual(Object.keys(lines[0]), ['test', 'rule_id', 'stage', 'pass', 'expected', 'fired']);
  assert.deepEqual(lines[0].fired, [7000400, 7000999]);
  assert.deepEqual(lines[3].totals.passed, 3);
});

test('waf test with a bad paranoia level is a usage error', async () => {
  const r = await rampart(['waf', 'test', join(repoRoot(), 'packages/waf/testdata/ftw'), '--paranoia', '7']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--paranoia must be 1, 2, 3 or 4/);
});
