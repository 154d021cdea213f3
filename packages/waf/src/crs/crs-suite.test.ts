/**
 * The full CRS v4 regression suite (go-ftw YAML, ../shared/data/crs/tests) in process, with the engine settings the
 * suite assumes (test-setup.conf: detection-only, paranoia 4). Prints the pass rate per paranoia level. Every failing
 * stage must be listed in testdata/known-failures.json with a reason, and a listed stage that passes must be removed
 * from it (the list only shrinks).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot, sharedData } from '@rampart/core/testing';
import { runFtw } from '../ftw/run.js';
import { loadWafSync } from '../load-waf.js';

const crs = sharedData('crs');

interface KnownFailures {
  ftw: Record<string, string>;
}

test('CRS regression suite passes at >= 99% with only known failures', { skip: crs.skip }, (t) => {
  const known = JSON.parse(
    readFileSync(join(repoRoot(), 'packages/waf/testdata/known-failures.json'), 'utf8'),
  ) as KnownFailures;
  const waf = loadWafSync({
    crsDir: join(crs.path, 'crs'),
    setup: join(crs.path, 'test-setup.conf'),
    mode: 'detect',
  });
  assert.equal(waf.loadErrors.length, 0, waf.loadErrors.map((e) => `${e.file}:${e.line} ${e.message}`).join('\n'));
  const { results, summary } = runFtw({ testsDir: join(crs.path, 'tests'), waf });
  for (const [pl, b] of Object.entries(summary.byParanoia))
    t.diagnostic(`paranoia ${pl}: ${b.passed}/${b.total} (${((100 * b.passed) / b.total).toFixed(2)}%)`);
  const rate = summary.passed / summary.total;
  t.diagnostic(`overall: ${summary.passed}/${summary.total} (${(100 * rate).toFixed(2)}%)`);
  const failing = results.filter((r) => !r.pass).map((r) => `${r.key}/${r.stage}`);
  const unlisted = failing.filter((k) => known.ftw[k] === undefined);
  assert.deepEqual(unlisted, [], 'failing stages missing from known-failures.json');
  const fixed = Object.keys(known.ftw).filter((k) => !failing.includes(k));
  assert.deepEqual(fixed, [], 'stages that pass now: remove them from known-failures.json');
  for (const [k, reason] of Object.entries(known.ftw)) assert.ok(reason.length > 10, `${k} needs a reason`);
  assert.ok(rate >= 0.99, `pass rate ${(100 * rate).toFixed(2)}% is under 99%`);
});
