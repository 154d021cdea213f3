/**
 * The interface the outside checks use, end to end through the real CLI: `rampart db import DIR_OR_ZIP --db FILE`,
 * then `rampart scan sbom SBOM.cdx.json --db FILE --format json`; plus the gate flags and exit codes 0/1/2/3.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';
import { runCli } from '../testing.js';

const rampart = (args: string[]) => runCli(args, { NO_COLOR: '1' });

const testdata = join(repoRoot(), 'packages/scan/testdata/vuln');
const sbom = join(testdata, 'sbom/app.cdx.json');

async function importedDb(): Promise<string> {
  const db = join(mkdtempSync(join(tmpdir(), 'rampart-cli-')), 'db.sqlite');
  const r = await rampart(['db', 'import', join(testdata, 'osv'), '--db', db]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /imported 18 advisories/);
  return db;
}

/** A source tree whose lockfile pins lodash 4.17.20 (one known advisory in the fixture DB). */
function lodashTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-fs-'));
  writeFileSync(
    join(dir, 'package-lock.json'),
    JSON.stringify({
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      packages: { '': { name: 'app', version: '1.0.0' }, 'node_modules/lodash': { version: '4.17.20' } },
    }),
  );
  return dir;
}

test('db import then scan sbom --format json: every finding has id, aliases and the purl as given', async () => {
  const db = await importedDb();
  const r = await rampart(['scan', 'sbom', sbom, '--db', db, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out) as { findings: Array<{ id: string; aliases: string[]; package: { purl: string } }> };
  assert.equal(report.findings.length, 14);
  const debug = report.findings.find((f) => f.package.purl === 'pkg:npm/debug@4.4.2');
  assert.equal(debug?.id, 'GHSA-4x49-vf9v-38px');
  assert.deepEqual(debug?.aliases, ['CVE-2025-59144', 'GHSA-8mgj-vmr8-frr6', 'MAL-2025-46974']);
  for (const f of report.findings) assert.ok(Array.isArray(f.aliases) && typeof f.package.purl === 'string');
  assert.match(r.err, /vulnerability DB: .*db\.sqlite \(updated \d{4}-/);
  assert.match(r.err, /1 SBOM component\(s\) cannot be matched: components\[18\]: no purl/);
});

test('gate flags: --severity, --exit-code, --ignorefile with an expired entry, --vex', async () => {
  const db = await importedDb();
  const dir = mkdtempSync(join(tmpdir(), 'rampart-gate-'));
  const critical = await rampart([
    'scan',
    'sbom',
    sbom,
    '--db',
    db,
    '-f',
    'json',
    '--severity',
    'CRITICAL',
    '--exit-code',
    '1',
  ]);
  assert.equal(critical.code, 1);
  assert.deepEqual(
    JSON.parse(critical.out).findings.map((f: { id: string }) => f.id),
    ['UBUNTU-CVE-2023-38545'],
  );
  const ignore = join(dir, '.rampartignore');
  writeFileSync(ignore, 'UBUNTU-CVE-2023-38545 # patched in our base image\nGHSA-4x49-vf9v-38px exp:2020-01-01\n');
  const vex = join(dir, 'vex.json');
  writeFileSync(
    vex,
    JSON.stringify({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      statements: [
        { vulnerability: { name: 'CVE-2020-28500' }, products: [{ '@id': 'pkg:npm/lodash' }], status: 'not_affected' },
      ],
    }),
  );
  const gated = await rampart([
    'scan',
    'sbom',
    sbom,
    '--db',
    db,
    '-f',
    'json',
    '--severity',
    'CRITICAL,HIGH,MEDIUM',
    '--ignorefile',
    ignore,
    '--vex',
    vex,
    '--ignore-unfixed',
    '--exit-code',
    '4',
  ]);
  assert.equal(gated.code, 4);
  const report = JSON.parse(gated.out);
  const ids = report.findings.map((f: { id: string }) => f.id);
  assert.ok(!ids.includes('UBUNTU-CVE-2023-38545'));
  assert.ok(!ids.includes('GHSA-29mw-wpgm-hmr9'));
  assert.ok(ids.includes('GHSA-4x49-vf9v-38px'), 'an expired ignore entry no longer suppresses');
  assert.match(gated.err, /GHSA-4x49-vf9v-38px expired on 2020-01-01/);
  assert.equal(report.suppressed.length, 2);
});

test('sarif and cyclonedx formats, and the table on request', async () => {
  const db = await importedDb();
  const sarif = JSON.parse((await rampart(['scan', 'sbom', sbom, '--db', db, '-f', 'sarif'])).out);
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].results.length, 14);
  const cdx = JSON.parse((await rampart(['scan', 'sbom', sbom, '--db', db, '-f', 'cyclonedx'])).out);
  assert.equal(cdx.specVersion, '1.6');
  assert.equal(cdx.components.length, 18);
  const table = await rampart(['scan', 'sbom', sbom, '--db', db, '-f', 'table']);
  assert.match(table.out, /Vulnerability DB: /);
  assert.match(table.out, /UBUNTU-CVE-2023-38545/);
});

test('bad input exits 2 with a clear message and no stack trace; the good DB survives a corrupt zip', async () => {
  const db = await importedDb();
  const before = readFileSync(db);
  const dir = mkdtempSync(join(tmpdir(), 'rampart-bad-'));
  const corrupt = join(dir, 'all.zip');
  writeFileSync(corrupt, 'PK\u0003\u0004 this is not really a zip');
  const bad = await rampart(['db', 'import', corrupt, '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /not a readable zip archive/);
  assert.doesNotMatch(bad.err, /\n\s+at /);
  assert.deepEqual(readFileSync(db), before);
  const notSbom = await rampart(['scan', 'sbom', join(testdata, 'sbom/package.json.not-sbom'), '--db', db]);
  assert.equal(notSbom.code, 2);
  assert.match(notSbom.err, /not a CycloneDX .* or SPDX/);
  const noDb = await rampart(['scan', 'sbom', sbom, '--db', join(dir, 'none.sqlite')]);
  assert.equal(noDb.code, 2);
  assert.match(noDb.err, /no vulnerability DB at .*db import/);
  const badFlag = await rampart(['scan', 'sbom', sbom, '--db', db, '--exit-code', 'x']);
  assert.equal(badFlag.code, 2);
  const offline = await rampart([
    'db',
    'update',
    '--db',
    db,
    '--ecosystem',
    'npm',
    '--base-url',
    'http://127.0.0.1:9',
    '--attempts',
    '1',
  ]);
  assert.equal(offline.code, 3);
  assert.match(offline.err, /the DB was not changed/);
  assert.deepEqual(readFileSync(db), before);
});

test('db status prints source, dates and counts per ecosystem', async () => {
  const db = await importedDb();
  const r = await rampart(['db', 'status', '--db', db, '-f', 'json']);
  assert.equal(r.code, 0);
  const s = JSON.parse(r.out);
  assert.equal(s.advisories, 18);
  assert.equal(s.ecosystems.Ubuntu, 1);
  assert.match(s.updatedAt, /^\d{4}-\d{2}-\d{2}T/);
});

test('scan fs --scanners inventory,vuln adds the matched vulnerabilities, and warns without a DB', async () => {
  const db = await importedDb();
  const dir = lodashTree();
  const run = (env: Record<string, string>) =>
    runCli(['scan', 'fs', dir, '--scanners', 'inventory,vuln', '-f', 'json'], env);
  const r = await run({ RAMPART_DB: db });
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out);
  assert.deepEqual(
    report.vulnerabilities.map((v: { id: string; package: { purl: string } }) => `${v.id} ${v.package.purl}`),
    ['GHSA-29mw-wpgm-hmr9 pkg:npm/lodash@4.17.20'],
  );
  assert.equal(report.vulnerabilityDb.path, db);
  const none = await run({ RAMPART_DB: join(dir, 'missing.sqlite') });
  assert.equal(none.code, 0);
  assert.match(none.err, /vulnerability matching skipped: no vulnerability DB/);
});

test('scan fs matches vulnerabilities by default (vuln,secret), with table, SARIF and the CI gate', async () => {
  const db = await importedDb();
  const dir = lodashTree();
  // A GitHub token with a valid checksum would be found too; this file holds a plain config value, not a secret.
  writeFileSync(join(dir, 'app.conf'), 'listen = 8080\n');
  const env = { RAMPART_DB: db };
  const json = await runCli(['scan', 'fs', dir, '-f', 'json'], env);
  assert.equal(json.code, 0, json.err);
  const report = JSON.parse(json.out);
  assert.deepEqual(
    report.findings.map((f: { id: string }) => f.id),
    ['GHSA-29mw-wpgm-hmr9'],
  );
  assert.deepEqual(report.secrets.findings, [], 'the secret scanner ran by default');
  assert.match(json.err, /vulnerability DB: /, 'the output says which DB was used');

  const table = await runCli(['scan', 'fs', dir, '-f', 'table'], env);
  assert.match(table.out, /lodash/);
  assert.match(table.out, /GHSA-29mw-wpgm-hmr9/);
  assert.match(table.out, /4\.17\.21/, 'the fixed version');

  const sarif = JSON.parse((await runCli(['scan', 'fs', dir, '-f', 'sarif'], env)).out);
  assert.equal(sarif.version, '2.1.0');
  assert.deepEqual(
    sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId),
    ['GHSA-29mw-wpgm-hmr9'],
  );

  const gated = await runCli(['scan', 'fs', dir, '--severity', 'MEDIUM', '--exit-code', '1', '-f', 'json'], env);
  assert.equal(gated.code, 1, 'a MEDIUM finding over the gate exits 1');
  const below = await runCli(['scan', 'fs', dir, '--severity', 'CRITICAL', '--exit-code', '1', '-f', 'json'], env);
  assert.equal(below.code, 0, 'nothing at CRITICAL: exit 0');
  writeFileSync(join(dir, '.rampartignore'), 'CVE-2020-28500 # accepted until the upgrade\n');
  const ignored = await runCli(
    ['scan', 'fs', dir, '--ignorefile', join(dir, '.rampartignore'), '--exit-code', '1'],
    env,
  );
  assert.equal(ignored.code, 0, 'suppressed by its alias in the ignore file');
});
