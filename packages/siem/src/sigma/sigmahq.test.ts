/**
 * Outside checks against SigmaHQ's own data: the whole published rule set loads (counts printed; unsupported must be 0),
 * and every sigma-regression case gives exactly the expected matches on exactly the expected events.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedData } from '@rampart/core/testing';
import { compileDetector } from './detector.js';
import { loadSigmaRules } from './loader.js';

const sigma = sharedData('sigma');
const regression = sharedData('sigma-regression');
const FOLDERS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-placeholder', 'rules-compliance'];

test('the whole SigmaHQ rule set loads with no unsupported rule', { skip: sigma.skip }, () => {
  const r = loadSigmaRules(
    FOLDERS.map((f) => join(sigma.path, f)),
    { pipeline: 'windows' },
  );
  const byReason = new Map<string, number>();
  for (const e of r.errors) byReason.set(e.reason, (byReason.get(e.reason) ?? 0) + 1);
  console.log(
    `SigmaHQ rules: loaded ${r.rules.length}, unsupported ${r.errors.length}` +
      `${[...byReason].map(([k, n]) => `\n  ${n} × ${k}`).join('')}; ${r.warnings.length} placeholders without values`,
  );
  assert.deepEqual(r.errors, []);
  assert.equal(r.rules.length, 3780);
  const stats = compileDetector(r.rules, { pipeline: r.pipeline }).stats();
  console.log(
    `index: ${stats.variants} variants, key fields ${stats.keyFields.join(', ')}; ${stats.unindexed} unindexed`,
  );
  assert.ok(stats.unindexed < stats.variants / 4, 'most rules are indexed by a literal value');
});

interface Case {
  rule_id: string;
  rule_path: string;
  events_file: string;
  expected_match_count: number;
  expected_event_record_ids: string[];
}

test('sigma-regression: every case matches exactly the expected events', {
  skip: regression.skip || sigma.skip,
}, () => {
  const cases = JSON.parse(readFileSync(join(regression.path, 'cases.json'), 'utf8')) as Case[];
  assert.ok(cases.length > 100);
  const failures: string[] = [];
  for (const c of cases) {
    const r = loadSigmaRules(join(sigma.path, c.rule_path), { pipeline: 'windows' });
    assert.deepEqual(r.errors, [], c.rule_path);
    const d = compileDetector(r.rules, { pipeline: r.pipeline });
    const events = readFileSync(join(regression.path, c.events_file), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const matched = events.filter((e) => d.match(e).length > 0).map((e) => String(e.EventRecordID));
    if (matched.length !== c.expected_match_count || matched.join() !== c.expected_event_record_ids.join()) {
      failures.push(`${c.rule_path}: matched [${matched}] expected [${c.expected_event_record_ids}]`);
    }
  }
  console.log(`sigma-regression: ${cases.length - failures.length}/${cases.length} cases exact`);
  assert.deepEqual(failures, []);
});
