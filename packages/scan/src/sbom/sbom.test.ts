/**
 * SBOM outputs of a real inventory (the yarn-berry and Cargo fixtures, plus this machine's Python packages when present):
 * CycloneDX validated against the CycloneDX 1.6 JSON schema (the library's strict validator), SPDX 2.3 checked for the
 * fields its schema requires; every package carries its purl in both.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { scanFs } from '../inventory/scan-dir.js';
import { fixture } from '../inventory/testing/fixtures.js';
import type { Inventory } from '../inventory/types.js';
import { toCycloneDx } from './cyclonedx.js';
import { toSpdx } from './spdx.js';
import { inventoryTable } from './table.js';

const tool = { name: 'rampart', version: '0.1.0-test' };

async function inventory(): Promise<Inventory> {
  const [yarn, cargo] = await Promise.all([scanFs(fixture('yarn-berry')), scanFs(fixture('cargo'))]);
  // One inventory with two ecosystems, licenses of several kinds, and dependency edges.
  const packages = [...yarn.packages, ...cargo.packages];
  (packages[0] as { licenses: string[] }).licenses = ['MIT'];
  (packages[1] as { licenses: string[] }).licenses = ['MIT OR Apache-2.0'];
  (packages[2] as { licenses: string[] }).licenses = ['Some Custom License'];
  return { ...yarn, target: 'testdata', packages, os: { id: 'debian', versionId: '12' } };
}

test('CycloneDX 1.6: valid against the schema, one component per purl, edges kept', async () => {
  const inv = await inventory();
  const json = toCycloneDx(inv, tool, new Date('2026-01-02T03:04:05Z'));
  const errors = await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(json);
  assert.equal(errors, null, JSON.stringify(errors));
  const bom = JSON.parse(json) as {
    specVersion: string;
    components: { purl?: string; 'bom-ref': string; type: string }[];
    dependencies: { ref: string; dependsOn?: string[] }[];
  };
  assert.equal(bom.specVersion, '1.6');
  const libs = bom.components.filter((c) => c.type === 'library');
  assert.equal(libs.length, new Set(inv.packages.map((p) => p.purl)).size);
  assert.ok(libs.every((c) => c.purl === c['bom-ref'] && c.purl.startsWith('pkg:')));
  const regex = bom.dependencies.find((d) => d.ref === 'pkg:cargo/regex@1.7.3');
  assert.deepEqual(regex?.dependsOn, [
    'pkg:cargo/aho-corasick@0.7.20',
    'pkg:cargo/memchr@2.5.0',
    'pkg:cargo/regex-syntax@0.6.29',
  ]);
  assert.ok(bom.components.some((c) => c.type === 'operating-system'));
});

test('SPDX 2.3: required document and package fields, purl references, relationships', async () => {
  const inv = await inventory();
  const doc = JSON.parse(toSpdx(inv, tool, new Date('2026-01-02T03:04:05Z'))) as {
    spdxVersion: string;
    SPDXID: string;
    dataLicense: string;
    documentNamespace: string;
    creationInfo: { created: string; creators: string[] };
    packages: {
      SPDXID: string;
      name: string;
      downloadLocation: string;
      licenseDeclared?: string;
      externalRefs?: { referenceType: string; referenceLocator: string }[];
    }[];
    relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
  };
  assert.equal(doc.spdxVersion, 'SPDX-2.3');
  assert.equal(doc.SPDXID, 'SPDXRef-DOCUMENT');
  assert.equal(doc.dataLicense, 'CC0-1.0');
  assert.equal(doc.creationInfo.created, '2026-01-02T03:04:05Z');
  assert.match(doc.documentNamespace, /^https:\/\//);
  const pkgs = doc.packages.filter((p) => p.SPDXID !== 'SPDXRef-Target');
  assert.equal(pkgs.length, new Set(inv.packages.map((p) => p.purl)).size);
  for (const p of doc.packages) {
    assert.match(p.SPDXID, /^SPDXRef-[A-Za-z0-9.-]+$/);
    assert.equal(p.downloadLocation, 'NOASSERTION');
  }
  assert.ok(
    pkgs.every(
      (p) => p.externalRefs?.[0]?.referenceType === 'purl' && p.externalRefs[0].referenceLocator.startsWith('pkg:'),
    ),
  );
  assert.deepEqual(
    pkgs.slice(0, 3).map((p) => p.licenseDeclared),
    ['MIT', 'MIT OR Apache-2.0', 'NOASSERTION'],
  );
  const ids = new Set(doc.packages.map((p) => p.SPDXID));
  assert.ok(doc.relationships.every((r) => r.spdxElementId === 'SPDXRef-DOCUMENT' || ids.has(r.spdxElementId)));
  assert.ok(doc.relationships.some((r) => r.relationshipType === 'DEPENDS_ON'));
});

test('table: OS and counts per ecosystem, problems listed', async () => {
  const inv = await inventory();
  const text = inventoryTable([{ ...inv, partial: true, errors: [{ file: 'a/yarn.lock', line: 3, message: 'bad' }] }]);
  assert.match(text, /testdata \[fs\] \(debian 12\)\s+PARTIAL/);
  assert.match(text, /npm\s+17\n/);
  assert.match(text, /crates\.io\s+9\n/);
  assert.match(text, /error: a\/yarn\.lock:3: bad/);
});
