import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { type Finding, validateFinding } from '@rampart/core';
import { importOsv } from '../../db/import.js';
import { openVulnDb, type VulnDb } from '../../db/open.js';
import { FIXTURE_RECORDS, tempDir, VULN_TESTDATA } from '../../db/test-helpers.js';
import type { Inventory } from '../../inventory/types.js';
import { readSbomFile } from '../sbom-input/read-sbom.js';
import { matchInventoryWithStats } from './matcher.js';

let db: VulnDb;
let findings: Finding[];

before(async () => {
  const path = join(tempDir(), 'db.sqlite');
  await importOsv([FIXTURE_RECORDS], { db: path });
  db = openVulnDb(path);
  findings = matchInventoryWithStats(readSbomFile(join(VULN_TESTDATA, 'sbom/app.cdx.json')).inventory, db).findings;
});

const byPurl = (purl: string) => findings.filter((f) => f.package?.purl === purl);

test('every ecosystem and distro of the fixture SBOM matches its advisory, with the purl exactly as given', () => {
  const got = findings.map((f) => `${f.package?.purl} ${f.id}`).sort();
  assert.deepEqual(got, [
    'pkg:apk/alpine/musl@1.2.3-r3?arch=x86_64&distro=3.16.2 ALPINE-CVE-2025-26519',
    'pkg:cargo/openssl@0.8.0 RUSTSEC-2016-0001',
    'pkg:cran/readxl@1.0.0 RSEC-2023-0',
    'pkg:deb/debian/libssl1.1@1.1.0f-3%2Bdeb9u2?arch=amd64&distro=debian-9&upstream=openssl DLA-3008-1',
    'pkg:deb/ubuntu/curl@7.68.0-1ubuntu2.18?arch=amd64&distro=ubuntu-20.04 UBUNTU-CVE-2023-38545',
    'pkg:golang/golang.org/x/net@v0.1.0 GO-2023-1495',
    'pkg:hackage/aeson@1.5.6.0 HSEC-2023-0001',
    'pkg:maven/io.netty/netty-codec-http@4.1.50.Final GHSA-269q-hmxg-m83q',
    'pkg:npm/debug@4.4.2 GHSA-4x49-vf9v-38px',
    'pkg:npm/jquery@1.8.3 GHSA-2pqj-h3vj-pqgw',
    'pkg:npm/jquery@1.x GHSA-2pqj-h3vj-pqgw',
    'pkg:npm/lodash@4.17.20 GHSA-29mw-wpgm-hmr9',
    'pkg:pypi/Protobuf@3.14.0 GHSA-77rm-9x9h-xj3g',
    'pkg:rpm/almalinux/oci-systemd-hook@0.1.15-1.el8?arch=x86_64&distro=almalinux-8 ALBA-2019:0973',
  ]);
});

test('aliases collapse into one finding that lists every ID', () => {
  const [debug] = byPurl('pkg:npm/debug@4.4.2');
  assert.deepEqual(debug?.aliases, ['CVE-2025-59144', 'GHSA-8mgj-vmr8-frr6', 'MAL-2025-46974']);
  const [protobuf] = byPurl('pkg:pypi/Protobuf@3.14.0');
  assert.deepEqual(protobuf?.aliases, ['CVE-2021-22570', 'PYSEC-2022-48']);
  const [netty] = byPurl('pkg:maven/io.netty/netty-codec-http@4.1.50.Final');
  assert.deepEqual(netty?.aliases, ['CVE-2021-21290', 'CVE-2022-24823', 'GHSA-5mcr-gq6c-3hq2']);
  assert.deepEqual(netty?.data?.advisories, ['GHSA-269q-hmxg-m83q', 'GHSA-5mcr-gq6c-3hq2']);
});

test('withdrawn advisories never match; a distro backport is fixed; clean packages stay clean', () => {
  assert.equal(byPurl('pkg:golang/github.com/gravitational/teleport@v1.0.0').length, 0, 'GO-2024-2442 is withdrawn');
  assert.equal(byPurl('pkg:pypi/arrayfire@3.3.0').length, 0, 'PYSEC-2019-144 is withdrawn');
  assert.equal(byPurl('pkg:deb/debian/openssl@1.1.0l-1~deb9u6?arch=amd64&distro=debian-9').length, 0);
  assert.equal(byPurl('pkg:npm/left-pad@1.3.0').length, 0);
});

test('severity from CVSS (v3 preferred), else the database rating, else UNKNOWN; scores come with vectors', () => {
  const [curl] = byPurl('pkg:deb/ubuntu/curl@7.68.0-1ubuntu2.18?arch=amd64&distro=ubuntu-20.04');
  assert.equal(curl?.severity, 'CRITICAL');
  assert.equal(curl?.cvss?.[0]?.score, 9.8);
  const [debug] = byPurl('pkg:npm/debug@4.4.2');
  assert.equal(debug?.cvss?.[0]?.version, '4.0');
  const [dla] = byPurl('pkg:deb/debian/libssl1.1@1.1.0f-3%2Bdeb9u2?arch=amd64&distro=debian-9&upstream=openssl');
  assert.equal(dla?.severity, 'UNKNOWN');
});

test('fix advice: fixed versions nearest first and the smallest upgrade that clears every finding', () => {
  const [netty] = byPurl('pkg:maven/io.netty/netty-codec-http@4.1.50.Final');
  assert.deepEqual(netty?.fix?.versions, ['4.1.59.Final', '4.1.77.Final']);
  assert.match(netty?.fix?.advice ?? '', /to 4\.1\.77\.Final \(clears every known finding/);
  const [dla] = byPurl('pkg:deb/debian/libssl1.1@1.1.0f-3%2Bdeb9u2?arch=amd64&distro=debian-9&upstream=openssl');
  assert.deepEqual(dla?.fix?.versions, ['1.1.0l-1~deb9u6']);
  assert.equal(dla?.data?.sourcePackage, 'openssl');
});

test('an unreadable version is reported with low confidence and the reason, not dropped', () => {
  const [bad] = byPurl('pkg:npm/jquery@1.x');
  assert.equal(bad?.confidence?.level, 'low');
  assert.match(bad?.confidence?.reason ?? '', /"1\.x" is not a valid npm semver version/);
  const [good] = byPurl('pkg:npm/jquery@1.8.3');
  assert.equal(good?.confidence?.level, 'high');
});

test('distro packages without a known release are not matched, and the statistics say why', () => {
  const inventory: Inventory = {
    target: 'rootfs',
    targetType: 'rootfs',
    partial: false,
    errors: [],
    packages: [
      {
        name: 'libssl1.1',
        version: '1.1.0f-3+deb9u2',
        ecosystem: 'Debian',
        purl: 'pkg:deb/debian/libssl1.1@1.1.0f-3+deb9u2',
        sourceName: 'openssl',
        location: { path: 'var/lib/dpkg/status', line: 120 },
        licenses: [],
      },
    ],
  };
  const unknown = matchInventoryWithStats(inventory, db);
  assert.equal(unknown.findings.length, 0);
  assert.deepEqual(unknown.stats.unmatchable, { 'the Debian release is unknown': 1 });
  const known = matchInventoryWithStats({ ...inventory, os: { id: 'debian', versionId: '9' } }, db);
  assert.equal(known.findings[0]?.id, 'DLA-3008-1');
  assert.deepEqual(known.findings[0]?.location, { path: 'var/lib/dpkg/status', line: 120 });
  const other = matchInventoryWithStats({ ...inventory, os: { id: 'debian', versionId: '12' } }, db);
  assert.equal(other.findings.length, 0, 'a Debian 9 advisory does not apply to Debian 12');
});

test("every finding conforms to core's finding schema", () => {
  for (const f of findings) {
    const result = validateFinding(JSON.parse(JSON.stringify(f)));
    assert.ok(result.ok, `${f.id}: ${JSON.stringify(result)}`);
  }
});
