/**
 * Blocking mode at paranoia level 1 with CRS's default threshold, case by case against what nginx + ModSecurity +
 * CRS 4 did (reference-verdicts.json): block every positive case ModSecurity blocks, block none of the negative
 * cases it lets through. Exceptions are listed with a reason in known-failures.json (`reference`).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot, sharedData } from '@rampart/core/testing';
import { buildFtwRequest } from '../ftw/build-request.js';
import { reflectResponse } from '../ftw/reflect.js';
import { findFtwFiles, readFtwFile } from '../ftw/test-file.js';
import { parseRawRequest } from '../http/raw-request.js';
import { loadWafSync } from '../load-waf.js';

const crs = sharedData('crs');

interface Reference {
  columns: string[];
  cases: Record<string, string>;
}

test('blocking at PL1 covers ModSecurity positives and spares its passed negatives', { skip: crs.skip }, (t) => {
  const known = JSON.parse(readFileSync(join(repoRoot(), 'packages/waf/testdata/known-failures.json'), 'utf8')) as {
    reference: { missed: Record<string, string>; false_positives: Record<string, string> };
  };
  const ref = JSON.parse(readFileSync(join(crs.path, 'reference-verdicts.json'), 'utf8')) as Reference;
  const col = ref.columns.indexOf('crs-4.29.0-dev-pl1');
  const waf = loadWafSync({ crsDir: join(crs.path, 'crs'), paranoia: 1, mode: 'block' });
  const root = join(crs.path, 'tests');
  const missed: string[] = [];
  const falsePositives: string[] = [];
  let positives = 0;
  let negatives = 0;
  for (const file of findFtwFiles(root)) {
    for (const c of readFtwFile(file, root)) {
      const verdict = ref.cases[c.key]?.[col];
      if (verdict === undefined) continue;
      const positive = c.stages.some((s) => s.output.expectIds.length > 0);
      const negative =
        !positive && c.stages.some((s) => s.output.noExpectIds.length > 0 || s.output.noMatchRegex !== undefined);
      if (!positive && !negative) continue;
      let blocked = false;
      for (const s of c.stages) {
        const req = parseRawRequest(buildFtwRequest(s.input), '127.0.0.1', c.key);
        if (waf.evaluate(req, reflectResponse(req)).result.action === 'block') blocked = true;
      }
      if (positive && (verdict === 'B' || verdict === 'R')) {
        positives++;
        if (!blocked) missed.push(c.key);
      }
      if (negative && verdict === 'P') {
        negatives++;
        if (blocked) falsePositives.push(c.key);
      }
    }
  }
  t.diagnostic(`positives ModSecurity blocks: ${positives}, Rampart blocks ${positives - missed.length}`);
  t.diagnostic(`negatives ModSecurity passes: ${negatives}, Rampart blocks ${falsePositives.length}`);
  assert.ok(positives > 1000 && negatives > 300, 'the reference set was not read');
  assert.deepEqual(
    missed.filter((k) => known.reference.missed[k] === undefined),
    [],
    'positives ModSecurity blocks and Rampart does not',
  );
  assert.deepEqual(
    falsePositives.filter((k) => known.reference.false_positives[k] === undefined),
    [],
    'negatives ModSecurity passes and Rampart blocks',
  );
  const stale = [
    ...Object.keys(known.reference.missed).filter((k) => !missed.includes(k)),
    ...Object.keys(known.reference.false_positives).filter((k) => !falsePositives.includes(k)),
  ];
  assert.deepEqual(stale, [], 'fixed since: remove from known-failures.json');
});
