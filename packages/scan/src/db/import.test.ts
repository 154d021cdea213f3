import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RampartError } from '@rampart/core';
import { sharedData } from '@rampart/core/testing';
import { importOsv } from './import.js';
import { openVulnDb } from './open.js';
import { dbStatus } from './status.js';
import { FIXTURE_RECORDS, fixtureZip, tempDir, VULN_TESTDATA } from './test-helpers.js';

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const fixtureCount = readdirSync(FIXTURE_RECORDS).filter((n) => n.endsWith('.json')).length;

test('imports a folder of records and an all.zip alike, and status counts per ecosystem', async () => {
  const dir = tempDir();
  const fromDir = await importOsv([FIXTURE_RECORDS], { db: join(dir, 'a.sqlite') });
  const fromZip = await importOsv([fixtureZip(dir)], { db: join(dir, 'b.sqlite') });
  assert.equal(fromDir.imported, fixtureCount);
  assert.equal(fromZip.imported, fixtureCount);
  assert.equal(fromDir.skipped, 0);
  const a = dbStatus(join(dir, 'a.sqlite'));
  const b = dbStatus(join(dir, 'b.sqlite'));
  assert.deepEqual(a.ecosystems, b.ecosystems);
  assert.equal(a.advisories, fixtureCount);
  assert.equal(a.withdrawn, 2);
  assert.equal(a.ecosystems.Debian, 1);
  assert.equal(a.ecosystems.npm, 4);
  const db = openVulnDb(join(dir, 'a.sqlite'));
  assert.deepEqual(
    db
      .lookup('PyPI', 'protobuf')
      .map((r) => r.id)
      .sort(),
    ['GHSA-77rm-9x9h-xj3g', 'PYSEC-2022-48'],
  );
  assert.equal(db.record('DLA-3008-1')?.affected?.[0]?.package?.name, 'openssl');
  db.close();
});

test('malformed records are skipped with a count and the first reasons; the rest is imported', async () => {
  const dir = tempDir();
  const result = await importOsv([join(VULN_TESTDATA, 'bad'), join(FIXTURE_RECORDS, 'DLA-3008-1.json')], {
    db: join(dir, 'db.sqlite'),
  });
  assert.equal(result.imported, 2); // DLA-3008-1 and the Gentoo record
  assert.equal(result.skipped, 3);
  assert.equal(result.reasons.length, 3);
  assert.match(result.reasons.join('\n'), /bad-event\.json: affected\[0\]: ranges\[0\] has an event with keys/);
  assert.match(result.reasons.join('\n'), /missing-id\.json: missing string field "id"/);
  assert.match(result.reasons.join('\n'), /truncated\.json: not JSON/);
  assert.deepEqual(result.unsupportedEcosystems, { Gentoo: 1 });
  assert.equal(dbStatus(join(dir, 'db.sqlite')).lastImport?.skipped, 3);
});

test('a corrupt zip fails the whole run and leaves the good DB byte for byte as it was', async () => {
  const dir = tempDir();
  const dbPath = join(dir, 'db.sqlite');
  await importOsv([FIXTURE_RECORDS], { db: dbPath });
  const before = digest(dbPath);
  const zip = readFileSync(fixtureZip(dir));
  const corrupt = join(dir, 'corrupt.zip');
  writeFileSync(corrupt, zip.subarray(0, Math.floor(zip.length / 2)));
  await assert.rejects(
    importOsv([join(VULN_TESTDATA, 'bad', 'unknown-ecosystem.json'), corrupt], { db: dbPath }),
    (e: unknown) => e instanceof RampartError && e.code === 'INPUT_INVALID' && e.exitCode === 2 && e.file === corrupt,
  );
  assert.equal(digest(dbPath), before);
  assert.deepEqual(
    readdirSync(dir).filter((n) => n.endsWith('.tmp')),
    [],
    'no temp file left behind',
  );
});

test('input with no usable record, a missing path, and a foreign --db file are clear input errors', async () => {
  const dir = tempDir();
  const dbPath = join(dir, 'db.sqlite');
  await assert.rejects(importOsv([join(VULN_TESTDATA, 'bad', 'truncated.json')], { db: dbPath }), {
    code: 'INPUT_INVALID',
    message: /no usable OSV record/,
  });
  await assert.rejects(importOsv([join(dir, 'nope.zip')], { db: dbPath }), { code: 'INPUT_NOT_FOUND' });
  const foreign = join(dir, 'notes.txt');
  writeFileSync(foreign, 'this is not a database, and it must survive\n'.repeat(200));
  await assert.rejects(importOsv([FIXTURE_RECORDS], { db: foreign }), { code: 'INPUT_INVALID' });
  assert.match(readFileSync(foreign, 'utf8'), /^this is not a database/);
  assert.throws(() => openVulnDb(foreign), { code: 'INPUT_INVALID' });
  assert.throws(() => openVulnDb(join(dir, 'missing.sqlite')), { code: 'INPUT_NOT_FOUND', message: /db import/ });
});

test('importing again adds to the DB; --replace starts over; the newest modified wins', async () => {
  const dir = tempDir();
  const dbPath = join(dir, 'db.sqlite');
  await importOsv([join(FIXTURE_RECORDS, 'DLA-3008-1.json')], { db: dbPath });
  await importOsv([join(FIXTURE_RECORDS, 'RSEC-2023-0.json')], { db: dbPath });
  assert.equal(dbStatus(dbPath).advisories, 2);
  const record = JSON.parse(readFileSync(join(FIXTURE_RECORDS, 'RSEC-2023-0.json'), 'utf8'));
  const older = join(dir, 'older.json');
  writeFileSync(older, JSON.stringify({ ...record, modified: '2000-01-01T00:00:00Z', summary: 'stale' }));
  await importOsv([older], { db: dbPath });
  const db = openVulnDb(dbPath);
  assert.notEqual(db.record('RSEC-2023-0')?.summary, 'stale');
  db.close();
  await importOsv([join(FIXTURE_RECORDS, 'DLA-3008-1.json')], { db: dbPath, replace: true });
  assert.equal(dbStatus(dbPath).advisories, 1);
});

const osv = sharedData('osv');

test('imports every public OSV export of ../shared/data/osv', { skip: osv.skip }, async (t) => {
  const dir = tempDir();
  const result = await importOsv([osv.path], { db: join(dir, 'all.sqlite') });
  const status = dbStatus(join(dir, 'all.sqlite'));
  t.diagnostic(`records read ${result.imported}, skipped ${result.skipped}, advisories ${status.advisories}`);
  assert.equal(result.skipped, 0, result.reasons.join('\n'));
  assert.ok(status.advisories > 20000);
  assert.ok(status.ecosystems.Go !== undefined && status.ecosystems.Go > 3000);
  assert.equal(status.withdrawn, 36);
});
