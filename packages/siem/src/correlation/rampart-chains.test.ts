/** Rampart's own cross-layer chains, written as Sigma correlations over Rampart's events, driven by timed streams. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEvent, type SecurityEvent } from '@rampart/core/event';
import { compileDetector } from '../sigma/detector.js';
import { loadSigmaRules } from '../sigma/loader.js';
import { testdata } from '../sigma/testing/sigma-fixtures.js';
import { createCorrelator } from './correlator.js';
import type { Alert } from './types.js';

function run(file: string, stream: [SecurityEvent, { product: string; service: string }][]): Alert[] {
  const r = loadSigmaRules(testdata('sigma', 'rampart-chains', file));
  assert.deepEqual(r.errors, []);
  const detector = compileDetector(r.rules);
  const correlator = createCorrelator(r.correlations);
  const alerts: Alert[] = [];
  for (const [event, ls] of stream) {
    const t = Date.parse(event['@timestamp']);
    for (const m of detector.match(event, ls)) alerts.push(...correlator.observe(m, event, t));
  }
  return alerts;
}

const T0 = Date.parse('2026-11-23T12:00:00Z');
const waf = { product: 'rampart', service: 'waf' };
const gateway = { product: 'rampart', service: 'gateway' };

test('a WAF detect-only hit then an allowed request from the same source within 5 minutes', () => {
  const detect = (ip: string, at: number) =>
    createEvent({ module: 'waf', action: 'waf-detect', outcome: 'success', timestamp: T0 + at }, { source: { ip } });
  const allowed = (ip: string, at: number) =>
    createEvent({ module: 'gateway', action: 'request', outcome: 'success', timestamp: T0 + at }, { source: { ip } });
  const alerts = run('waf-detect-then-allowed.yml', [
    [allowed('10.0.0.1', 0), gateway], // allowed before any detection: no chain
    [detect('10.0.0.1', 1000), waf],
    [allowed('10.0.0.2', 2000), gateway], // another source
    [detect('10.0.0.3', 3000), waf],
    [allowed('10.0.0.3', 3000 + 6 * 60_000), gateway], // too late
    [allowed('10.0.0.1', 60_000), gateway],
  ]);
  assert.deepEqual(
    alerts.map((a) => [a.rule.title, a.group['source.ip']]),
    [['WAF detection followed by an allowed request from the same source', '10.0.0.1']],
  );
});

test('a RASP block on a service whose image scan reported a critical finding the same day', () => {
  const finding = (service: string, severity: number) =>
    createEvent({ module: 'scan', action: 'image-scanned', severity, timestamp: T0 }, { service: { name: service } });
  const block = (service: string, at: number) =>
    createEvent(
      { module: 'rasp', action: 'sql-injection', type: 'denied', outcome: 'failure', timestamp: T0 + at },
      { service: { name: service } },
    );
  const alerts = run('rasp-block-on-critical-image.yml', [
    [finding('orders', 99), { product: 'rampart', service: 'scan' }],
    [finding('billing', 73), { product: 'rampart', service: 'scan' }],
    [block('billing', 60_000), { product: 'rampart', service: 'rasp' }],
    [block('orders', 3_600_000), { product: 'rampart', service: 'rasp' }],
  ]);
  assert.deepEqual(
    alerts.map((a) => [a.rule.level, a.group['service.name']]),
    [['critical', 'orders']],
  );
});
