import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  SEVERITIES,
  atLeast,
  compareSeverityDesc,
  parseSeverity,
  severityFromCvssScore,
  toCycloneDxSeverity,
  toSarifLevel,
} from './severity.js';

test('parseSeverity is case-insensitive and maps unknown input to UNKNOWN', () => {
  assert.equal(parseSeverity('critical'), 'CRITICAL');
  assert.equal(parseSeverity(' High '), 'HIGH');
  assert.equal(parseSeverity('Moderate'), 'MEDIUM');
  assert.equal(parseSeverity('low'), 'LOW');
  for (const junk of ['', 'severe', 'none', null, undefined, 7, {}]) assert.equal(parseSeverity(junk), 'UNKNOWN');
});

test('ordering: CRITICAL > HIGH > MEDIUM > LOW > UNKNOWN, total and consistent with atLeast', () => {
  const sorted = [...SEVERITIES].sort(compareSeverityDesc);
  assert.deepEqual(sorted, ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN']);
  for (const a of SEVERITIES)
    for (const b of SEVERITIES) {
      assert.equal(Math.sign(compareSeverityDesc(a, b)) + Math.sign(compareSeverityDesc(b, a)), 0);
      assert.equal(atLeast(a, b), compareSeverityDesc(a, b) <= 0);
    }
});

test('report mappings: SARIF levels as Trivy, CycloneDX lower case, CVSS bands', () => {
  assert.deepEqual(
    SEVERITIES.map((s) => toSarifLevel(s)),
    ['note', 'note', 'warning', 'error', 'error'],
  );
  assert.equal(toCycloneDxSeverity('CRITICAL'), 'critical');
  assert.equal(toCycloneDxSeverity('UNKNOWN'), 'unknown');
  assert.equal(severityFromCvssScore(9.8), 'CRITICAL');
  assert.equal(severityFromCvssScore(7.0), 'HIGH');
  assert.equal(severityFromCvssScore(6.9), 'MEDIUM');
  assert.equal(severityFromCvssScore(0.1), 'LOW');
  assert.equal(severityFromCvssScore(11), 'UNKNOWN');
  assert.equal(severityFromCvssScore(Number.NaN), 'UNKNOWN');
});
