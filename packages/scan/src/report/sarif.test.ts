import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createFinding, type Finding } from '@rampart/core';
import { repoRoot } from '@rampart/core/testing';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { toSarif } from './sarif.js';

// ajv-formats is CommonJS: its default export arrives as the module namespace under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The published SARIF 2.1.0 schema is draft-04; ajv 8 reads it once `id` is spelled `$id`. */
function sarifValidator() {
  const path = join(repoRoot(), 'packages/scan/testdata/vuln/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  // The schema's language-tag pattern is not a valid Unicode-mode regex; SchemaStore's validators read it without `u`.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: id as string });
}

const validate = sarifValidator();

const findings: Finding[] = [
  createFinding({
    id: 'GHSA-35jh-r3h4-6jhm',
    kind: 'vulnerability',
    severity: 'HIGH',
    target: 'app/package-lock.json',
    location: { path: 'app/package-lock.json', line: 42 },
    package: { name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20', ecosystem: 'npm' },
    title: 'Command Injection in lodash',
    references: ['https://github.com/advisories/GHSA-35jh-r3h4-6jhm'],
    fix: { versions: ['4.17.21'] },
    aliases: ['CVE-2021-23337'],
    cvss: [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', score: 7.2 }],
  }),
  createFinding({
    id: 'GHSA-35jh-r3h4-6jhm',
    kind: 'vulnerability',
    severity: 'HIGH',
    target: 'alpine:3.19',
    package: { name: 'lodash', version: '4.17.19', purl: 'pkg:npm/lodash@4.17.19' },
    title: 'Command Injection in lodash',
    references: [],
    confidence: { level: 'low', reason: 'version "4.17.x" is not valid semver' },
  }),
  createFinding({
    id: 'aws-access-key-id',
    kind: 'secret',
    severity: 'CRITICAL',
    target: '/srv/app',
    location: { path: '/srv/app/config dir/.env', line: 3, column: 7, endLine: 3 },
    title: 'AWS Access Key ID',
    references: [],
  }),
];

test('SARIF output validates against the SARIF 2.1.0 schema', () => {
  const log = toSarif(
    findings,
    { name: 'rampart', version: '0.1.0', informationUri: 'https://example.org/rampart' },
    {
      rootUri: 'file:///work/app',
    },
  );
  const ok = validate(log);
  assert.equal(ok, true, JSON.stringify(validate.errors, null, 2));
  const empty = toSarif([], { name: 'rampart', version: '0.1.0' });
  assert.equal(validate(empty), true, JSON.stringify(validate.errors));
});

test('one rule per advisory, results point at the file and line, and carry the purl and aliases', () => {
  const log = toSarif(findings, { name: 'rampart', version: '0.1.0' });
  const run = log.runs[0]!;
  assert.deepEqual(
    run.tool.driver.rules.map((r) => r.id),
    ['GHSA-35jh-r3h4-6jhm', 'aws-access-key-id'],
  );
  assert.equal(run.results.length, 3);
  const [first, second, secret] = run.results;
  assert.equal(first!.ruleIndex, 0);
  assert.equal(second!.ruleIndex, 0);
  assert.equal(secret!.ruleIndex, 1);
  assert.deepEqual(first!.locations[0]!.physicalLocation.artifactLocation, {
    uri: 'app/package-lock.json',
    uriBaseId: 'ROOTPATH',
  });
  assert.equal(first!.locations[0]!.physicalLocation.region.startLine, 42);
  assert.deepEqual(first!.properties, { purl: 'pkg:npm/lodash@4.17.20', aliases: ['CVE-2021-23337'] });
  assert.match(first!.message.text, /Fixed Version: 4\.17\.21/);
  // An image reference is a name, not a URI scheme; absolute paths become file URIs with spaces encoded.
  assert.equal(second!.locations[0]!.physicalLocation.artifactLocation.uri, 'alpine%3A3.19');
  assert.equal(secret!.locations[0]!.physicalLocation.artifactLocation.uri, 'file:///srv/app/config%20dir/.env');
  assert.equal(secret!.level, 'error');
  assert.equal(run.tool.driver.rules[0]!.properties['security-severity'], '7.2');
  assert.match(second!.message.text, /Confidence: low/);
});
