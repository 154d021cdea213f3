import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { importOsv } from '../db/import.js';
import { openVulnDb } from '../db/open.js';
import { FIXTURE_RECORDS, tempDir, VULN_TESTDATA } from '../db/test-helpers.js';
import { matchInventory } from '../vuln/match/matcher.js';
import { readSbomFile } from '../vuln/sbom-input/read-sbom.js';
import { toCycloneDxVulnerabilities } from './cyclonedx.js';
import { toJsonReport } from './json.js';
import { toTable } from './table.js';

const tool = { name: 'rampart', version: '0.1.0' };

async function fixtureFindings() {
  const path = join(tempDir(), 'db.sqlite');
  await importOsv([FIXTURE_RECORDS], { db: path });
  const db = openVulnDb(path);
  const sbom = readSbomFile(join(VULN_TESTDATA, 'sbom/app.cdx.json'));
  const findings = matchInventory(sbom.inventory, db);
  db.close();
  return { findings, sbom };
}

test('the CycloneDX report validates against the CycloneDX 1.6 JSON schema (strict)', async () => {
  const { findings, sbom } = await fixtureFindings();
  const components = sbom.inventory.packages.map((p) => ({ purl: p.purl, name: p.name, version: p.version }));
  const bom = toCycloneDxVulnerabilities(
    findings,
    tool,
    { createdAt: '2026-11-23T10:00:00.123Z' },
    {
      components,
      subject: { name: 'fixture-app' },
    },
  );
  const validator = new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6);
  const errors = await validator.validate(JSON.stringify(bom));
  assert.equal(errors, null, JSON.stringify(errors, null, 2));
  const vulns = bom.vulnerabilities as Array<Record<string, unknown>>;
  assert.equal(vulns.length, new Set(findings.map((f) => f.id)).size);
  const debug = vulns.find((v) => v.id === 'GHSA-4x49-vf9v-38px');
  assert.ok(debug !== undefined);
  assert.deepEqual(
    (debug.references as Array<{ id: string }>).map((r) => r.id),
    ['CVE-2025-59144', 'GHSA-8mgj-vmr8-frr6', 'MAL-2025-46974'],
  );
  assert.deepEqual(debug.affects, [{ ref: 'pkg:npm/debug@4.4.2' }]);
  // jquery@1.8.3 and jquery@1.x share one advisory: one vulnerability, two affected components.
  const jquery = vulns.find((v) => v.id === 'GHSA-2pqj-h3vj-pqgw');
  assert.ok(jquery !== undefined);
  assert.equal((jquery.affects as unknown[]).length, 2);
});

test('the JSON report gives every vulnerability id, aliases and the purl as the SBOM gave it', async () => {
  const { findings } = await fixtureFindings();
  const report = toJsonReport({ findings }, tool, {
    db: { path: '/tmp/db.sqlite', updatedAt: '2026-11-23T00:00:00Z' },
  });
  const list = report.findings as Array<Record<string, unknown>>;
  assert.equal(list.length, findings.length);
  for (const f of list) {
    assert.equal(typeof f.id, 'string');
    assert.ok(Array.isArray(f.aliases), `${f.id} has aliases`);
    assert.equal(typeof (f.package as { purl?: string }).purl, 'string');
  }
  assert.ok(list.some((f) => (f.package as { purl: string }).purl === 'pkg:pypi/Protobuf@3.14.0'));
  assert.deepEqual(report.db, { path: '/tmp/db.sqlite', updatedAt: '2026-11-23T00:00:00Z' });
  assert.equal((report.summary as Record<string, number>).total, findings.length);
});

test('the table groups by target, tallies severities, and colors only when asked', async () => {
  const { findings } = await fixtureFindings();
  const plain = toTable(findings, {}, { color: false });
  assert.match(plain, /^fixture-app$/m);
  assert.match(plain, /Total: 14 \(CRITICAL: 1, HIGH: 4, MEDIUM: 5, LOW: 0, UNKNOWN: 4\)/);
  assert.match(plain, /│ lodash +│ GHSA-29mw-wpgm-hmr9 +│ MEDIUM +│ 4\.17\.20 +│ 4\.17\.21 +│/);
  assert.match(plain, /GHSA-2pqj-h3vj-pqgw \(\?\)/);
  assert.doesNotMatch(plain, /\u001b\[/);
  assert.match(toTable(findings, {}, { color: true }), /\u001b\[1;31mCRITICAL/);
  assert.equal(toTable([], {}, {}), 'No findings.');
});
