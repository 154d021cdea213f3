/** Shared by the DB and matcher tests: fixture paths, temp dirs, and a zip of fixture records built like OSV's. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@rampart/core/testing';
import { zipSync } from 'fflate';

export const VULN_TESTDATA = join(repoRoot(), 'packages/scan/testdata/vuln');
export const FIXTURE_RECORDS = join(VULN_TESTDATA, 'osv');

export function tempDir(prefix = 'rampart-vuln-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** An `all.zip` in OSV's layout (one `<ID>.json` per record, no folders) from fixture record files. */
export function fixtureZip(dir: string, names?: readonly string[]): string {
  const files: Record<string, Uint8Array> = {};
  for (const name of names ?? readdirSync(FIXTURE_RECORDS).filter((n) => n.endsWith('.json'))) {
    files[name] = readFileSync(join(FIXTURE_RECORDS, name));
  }
  const path = join(dir, 'all.zip');
  writeFileSync(path, zipSync(files));
  return path;
}
