/** The Sigma specification's own correlation examples load, and its complete example runs over a timed stream. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedData } from '@rampart/core/testing';
import { compileDetector } from '../sigma/detector.js';
import { loadSigmaRules } from '../sigma/loader.js';
import { createCorrelator } from './correlator.js';
import { toAlertEvent } from './alert.js';

const spec = sharedData('sigma/spec/examples/correlation');

test('every correlation example of the specification loads', { skip: spec.skip }, () => {
  const r = loadSigmaRules(spec.path);
  assert.deepEqual(r.errors, []);
  assert.equal(r.correlations.length, 10);
  assert.deepEqual([...new Set(r.correlations.map((c) => c.type))].sort(), [
    'event_count',
    'temporal',
    'temporal_ordered',
    'value_avg',
    'value_count',
    'value_percentile',
    'value_sum',
  ]);
  assert.equal(r.rules.length, 2);
});

test('the specification example: 10 failed logins followed by a successful login of that user', {
  skip: spec.skip,
}, () => {
  const r = loadSigmaRules(join(spec.path, 'spec_example_failed_logins_followed_by_successful_login.yml'), {
    pipeline: 'windows',
  });
  assert.deepEqual(r.errors, []);
  const detector = compileDetector(r.rules, { pipeline: r.pipeline });
  const correlator = createCorrelator(r.correlations);
  const t0 = Date.parse('2026-11-23T08:00:00Z');
  const stream = [
    ...Array.from({ length: 10 }, (_, i) => ({ EventID: 4625, User: 'bob', id: `f${i}`, t: t0 + i * 20_000 })),
    { EventID: 4625, User: 'eve', id: 'e1', t: t0 + 210_000 },
    { EventID: 4624, User: 'eve', id: 'e2', t: t0 + 220_000 },
    { EventID: 4624, User: 'bob', id: 's1', t: t0 + 240_000 },
  ];
  const alerts = [];
  for (const { t, ...fields } of stream) {
    const event = { Channel: 'Security', ...fields };
    for (const m of detector.match(event)) alerts.push(...correlator.observe(m, event, t));
  }
  assert.deepEqual(
    alerts.map((a) => a.rule.title),
    ['Multiple failed logons', 'Correlation - Multiple Failed Logins Followed by Successful Login'],
  );
  const final = alerts[1];
  assert.deepEqual(final?.group, { User: 'bob' });
  assert.deepEqual(final?.eventIds, [...Array.from({ length: 10 }, (_, i) => `f${i}`), 's1']);
  const ev = toAlertEvent(final as NonNullable<typeof final>);
  assert.equal(ev.event.kind, 'alert');
  assert.equal(ev.rule?.id, 'b180ead8-d58f-40b2-ae54-c8940995b9b6');
  assert.equal(ev.event.severity, 73);
});
