/**
 * SigmaHQ's kubernetes and aws rules, run by the live detection step over real logs after normalization, must match
 * what the reference evaluator found on the raw records (shared/data/siem/*: sigma_reference_matches): normalization
 * keeps every field the rules read. The test prints which rules fired.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedData } from '@rampart/core/testing';
import { getField } from '@rampart/core/event';
import { normalizeLine, normalizeJson, splitJsonDocument } from '../normalize/normalize.js';
import type { Normalized } from '../normalize/types.js';
import { compileDetector, loadSigmaRules } from '../sigma/index.js';

const siem = sharedData('siem');
const sigma = sharedData('sigma/rules');

interface RefMatch {
  rule_id: string;
  title: string;
  events: number;
  eventIDs?: string[];
}

function fired(events: Normalized[], rulesDirs: string[]): Map<string, { title: string; ids: string[] }> {
  const loaded = loadSigmaRules(rulesDirs);
  assert.equal(loaded.errors.length, 0, JSON.stringify(loaded.errors));
  const detector = compileDetector(loaded.rules, { pipeline: loaded.pipeline });
  const out = new Map<string, { title: string; ids: string[] }>();
  for (const n of events) {
    for (const m of detector.match(n.event as Record<string, unknown>, n.logsource)) {
      const entry = out.get(m.rule.id) ?? { title: m.rule.title, ids: [] };
      entry.ids.push(String(getField(n.event, 'eventID') ?? getField(n.event, 'auditID')));
      out.set(m.rule.id, entry);
    }
  }
  return out;
}

test('kubernetes audit traces: SigmaHQ rules fire on normalized events as on the raw records', {
  skip: siem.skip || sigma.skip,
}, () => {
  const ref = JSON.parse(readFileSync(join(siem.path, 'k8s-audit/sigma_reference_matches.json'), 'utf8')) as {
    files: { trace_file: string; sigma_reference_matches: RefMatch[] }[];
  };
  for (const f of ref.files) {
    const lines = readFileSync(join(siem.path, 'k8s-audit', f.trace_file), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const events = lines
      .flatMap((text) => normalizeLine({ text, receivedMs: 0 }))
      .filter((n) => n.logsource.product === 'kubernetes');
    const got = fired(events, [join(sigma.path, 'application/kubernetes')]);
    const want = new Map(f.sigma_reference_matches.map((m) => [m.rule_id, m.events]));
    assert.deepEqual(new Map([...got].map(([id, v]) => [id, v.ids.length])), want, f.trace_file);
  }
  const summary = new Map<string, number>();
  for (const f of ref.files)
    for (const m of f.sigma_reference_matches) summary.set(m.title, (summary.get(m.title) ?? 0) + 1);
  console.log(`kubernetes rules that fired (files): ${JSON.stringify(Object.fromEntries(summary))}`);
});

test('CloudTrail attack logs: SigmaHQ aws rules fire on the same records as the reference', {
  skip: siem.skip || sigma.skip,
}, () => {
  const byRule = new Map<string, number>();
  for (const src of ['invictus-aws_dataset', 'stratus-red-team']) {
    const labels = JSON.parse(readFileSync(join(siem.path, 'cloudtrail', src, 'labels.json'), 'utf8')) as {
      files: { file: string; sigma_reference_matches: RefMatch[] }[];
    };
    for (const f of labels.files) {
      const text = readFileSync(join(siem.path, 'cloudtrail', src, f.file), 'utf8');
      const events = splitJsonDocument(JSON.parse(text), text).map((r) => normalizeJson({ ...r, receivedMs: 0 }));
      // The reference also ran rules-placeholder (AWS Console Login Monitoring: empty placeholders filter nothing).
      const got = fired(events, [join(sigma.path, 'cloud/aws'), join(sigma.path, '../rules-placeholder/cloud/aws')]);
      const want = new Map(f.sigma_reference_matches.map((m) => [m.rule_id, [...(m.eventIDs ?? [])].sort()]));
      assert.deepEqual(new Map([...got].map(([id, v]) => [id, v.ids.sort()])), want, f.file);
      for (const [, v] of got) byRule.set(v.title, (byRule.get(v.title) ?? 0) + v.ids.length);
    }
  }
  console.log(`aws rules that fired (events): ${JSON.stringify(Object.fromEntries(byRule))}`);
});
