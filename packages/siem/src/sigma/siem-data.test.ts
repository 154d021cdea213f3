/**
 * Real logs (../shared/data/siem): Kubernetes audit traces and CloudTrail attack runs, taken as they are (their native
 * fields are what the SigmaHQ kubernetes and aws rules use). Prints which SigmaHQ rules fire, and checks them against
 * the reference evaluator's matches shipped with the data (indicative, but we agree on every file and event).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedData } from '@rampart/core/testing';
import { compileDetector } from './detector.js';
import { loadSigmaRules } from './loader.js';

const siem = sharedData('siem');
const sigma = sharedData('sigma');
const skip = siem.skip || sigma.skip;

function tally(counts: Map<string, number>): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([t, n]) => `\n  ${n} × ${t}`)
    .join('');
}

interface RefMatch {
  rule_id: string;
  eventIDs?: string[];
}

test('CloudTrail attack logs: the SigmaHQ aws rules that fire, event by event', { skip }, () => {
  const r = loadSigmaRules([join(sigma.path, 'rules/cloud/aws'), join(sigma.path, 'rules-placeholder/cloud/aws')]);
  assert.deepEqual(r.errors, []);
  const d = compileDetector(r.rules);
  const counts = new Map<string, number>();
  const diffs: string[] = [];
  let events = 0;
  for (const source of ['invictus-aws_dataset', 'stratus-red-team']) {
    const dir = join(siem.path, 'cloudtrail', source);
    const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as {
      files: { file: string; sigma_reference_matches: RefMatch[] }[];
    };
    for (const f of labels.files) {
      const doc = JSON.parse(readFileSync(join(dir, f.file), 'utf8')) as unknown;
      const records = (Array.isArray(doc) ? doc : (doc as { Records: unknown[] }).Records) as Record<string, unknown>[];
      const got = new Map<string, string[]>();
      for (const e of records) {
        events++;
        for (const m of d.match(e, { product: 'aws', service: 'cloudtrail' })) {
          got.set(m.rule.id, [...(got.get(m.rule.id) ?? []), String(e.eventID)]);
          counts.set(m.rule.title, (counts.get(m.rule.title) ?? 0) + 1);
        }
      }
      const want = new Map(f.sigma_reference_matches.map((m) => [m.rule_id, m.eventIDs ?? []]));
      const a = JSON.stringify([...got].sort());
      const b = JSON.stringify([...want].sort());
      if (a !== b) diffs.push(`${f.file}: got ${a} reference ${b}`);
    }
  }
  console.log(
    `CloudTrail: ${events} events, ${[...counts.values()].reduce((x, y) => x + y, 0)} matches${tally(counts)}`,
  );
  assert.ok(counts.size >= 5);
  assert.deepEqual(diffs, []);
});

test('Kubernetes audit traces: the SigmaHQ kubernetes rules that fire, file by file', { skip }, () => {
  const r = loadSigmaRules(join(sigma.path, 'rules/application/kubernetes'));
  assert.deepEqual(r.errors, []);
  const d = compileDetector(r.rules);
  const ref = JSON.parse(readFileSync(join(siem.path, 'k8s-audit/sigma_reference_matches.json'), 'utf8')) as {
    files: { trace_file: string; sigma_reference_matches: RefMatch[] }[];
  };
  const counts = new Map<string, number>();
  const diffs: string[] = [];
  let unreadable = 0;
  for (const f of ref.files) {
    const got = new Set<string>();
    for (const line of readFileSync(join(siem.path, 'k8s-audit', f.trace_file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const e = JSON.parse(line) as unknown;
      if (e === null || typeof e !== 'object' || typeof (e as { kind?: unknown }).kind !== 'string') {
        unreadable++; // fal_01_003.json: the deliberately malformed `{"kind": 0}` matches nothing and breaks nothing
      }
      for (const m of d.match(e as Record<string, unknown>, { product: 'kubernetes', service: 'audit' })) {
        if (!got.has(m.rule.id)) counts.set(m.rule.title, (counts.get(m.rule.title) ?? 0) + 1);
        got.add(m.rule.id);
      }
    }
    const want = new Set(f.sigma_reference_matches.map((m) => m.rule_id));
    if ([...got].sort().join() !== [...want].sort().join())
      diffs.push(`${f.trace_file}: got ${[...got]} reference ${[...want]}`);
  }
  console.log(`Kubernetes audit: ${ref.files.length} trace files, rules firing (files):${tally(counts)}`);
  assert.equal(unreadable, 1);
  assert.equal(counts.size, 6);
  assert.deepEqual(diffs, []);
});
