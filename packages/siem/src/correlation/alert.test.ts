/** Alerts as SecurityEvents: schema-valid, with severity, ATT&CK technique ids, author and matched event ids. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSecurityEvent } from '@rampart/core';
import { loadSigmaRules } from '../sigma/loader.js';
import { attackTechniques, ruleAlert, severityOfLevel, toAlertEvent } from './alert.js';
import { createAlertDeduper } from './dedupe.js';

const RULE = `title: Suspicious thing
id: 0b2b5a2c-0d57-4a7f-9a62-6c3b0b3f8d2e
author: Jane Doe
level: high
tags: [attack.execution, attack.t1059.001, attack.T1105, car.2013-05-004]
logsource: {product: linux}
detection: {s: {a: 1}, condition: s}
`;

test('toAlertEvent carries rule id, title, level, techniques, author and event ids, and is schema-valid', () => {
  const rule = loadSigmaRules(RULE).rules[0];
  assert.ok(rule !== undefined);
  const ev = toAlertEvent(ruleAlert({ rule }, 'evt-1', Date.parse('2026-11-23T10:00:00Z')));
  assert.equal(ev.event.kind, 'alert');
  assert.equal(ev.event.module, 'siem');
  assert.equal(ev['@timestamp'], '2026-11-23T10:00:00.000Z');
  assert.equal(ev.rule?.id, rule.id);
  assert.equal(ev.rule?.name, 'Suspicious thing');
  assert.deepEqual(ev.threat?.technique?.id, ['T1059.001', 'T1105']);
  assert.equal(ev.event.severity, 73);
  const siem = ev.rampart?.siem as Record<string, unknown> | undefined;
  assert.deepEqual(siem?.matched_event_ids, ['evt-1']);
  assert.equal(siem?.rule_author, 'Jane Doe');
  const result = validateSecurityEvent(ev);
  assert.ok(result.ok, JSON.stringify(result));
});

test('levels map to severities; only attack.tNNNN tags are techniques', () => {
  assert.deepEqual(['informational', 'low', 'medium', 'high', 'critical', undefined].map(severityOfLevel), [
    'UNKNOWN',
    'LOW',
    'MEDIUM',
    'HIGH',
    'CRITICAL',
    'UNKNOWN',
  ]);
  assert.deepEqual(attackTechniques(['attack.t1003', 'attack.credential-access', 'attack.g0016', 'attack.t1003.001']), [
    'T1003',
    'T1003.001',
  ]);
});

test('the deduper admits one alert per rule and group within the window', () => {
  const rule = loadSigmaRules(RULE).rules[0];
  assert.ok(rule !== undefined);
  const d = createAlertDeduper({ windowMs: 60_000, maxKeys: 2 });
  const at = (ms: number, group: Record<string, string> = {}) => ({ ...ruleAlert({ rule }, undefined, ms), group });
  assert.equal(d.admit(at(0)), true);
  assert.equal(d.admit(at(30_000)), false);
  assert.equal(d.admit(at(30_000, { User: 'x' })), true);
  assert.equal(d.admit(at(61_000)), true);
  d.admit(at(0, { User: 'y' }));
  assert.ok(d.size() <= 2);
});
