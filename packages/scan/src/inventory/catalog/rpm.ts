/**
 * rpm: `rpmdb.sqlite` (RHEL 9, Fedora 33+, Rocky/Alma 9, CBL-Mariner 2) read with better-sqlite3. The Berkeley DB
 * `Packages` (RHEL 7/8, CentOS) and NDB `Packages.db` (SUSE) backends are not read: they are listed as skipped with that
 * reason instead of being guessed at.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { type Cataloger, CatalogError, type CatalogResult, type FoundPackage } from './cataloger.js';
import { parseRpmHeader, TAG } from './rpm-header.js';

const DIRS = ['var/lib/rpm/', 'usr/lib/sysimage/rpm/'];

function rpmPackages(blobs: Uint8Array[], path: string): FoundPackage[] {
  const out: FoundPackage[] = [];
  for (const blob of blobs) {
    const h = parseRpmHeader(blob);
    const name = h.get(TAG.NAME);
    const version = h.get(TAG.VERSION);
    const release = h.get(TAG.RELEASE);
    if (typeof name !== 'string' || typeof version !== 'string' || typeof release !== 'string') continue;
    if (name === 'gpg-pubkey') continue; // imported signing keys, not software
    const epoch = h.get(TAG.EPOCH);
    const arch = h.get(TAG.ARCH);
    const license = h.get(TAG.LICENSE);
    const evr = `${typeof epoch === 'number' && epoch > 0 ? `${epoch}:` : ''}${version}-${release}`;
    const qualifiers: Record<string, string> = {};
    if (typeof arch === 'string') qualifiers.arch = arch;
    if (typeof epoch === 'number' && epoch > 0) qualifiers.epoch = String(epoch);
    const p: FoundPackage = {
      name,
      version: evr,
      ecosystem: 'Red Hat',
      osPackage: true,
      purl: { type: 'rpm', version: `${version}-${release}`, qualifiers },
      location: { path },
      licenses: typeof license === 'string' && license !== '' ? [license] : [],
      foundBy: 'rpm',
    };
    if (typeof arch === 'string') p.arch = arch;
    // `bash-5.1.8-6.el9.src.rpm` → source name and version-release.
    const srpm = h.get(TAG.SOURCERPM);
    const m = typeof srpm === 'string' ? /^(.+)-([^-]+-[^-]+)\.(?:no)?src\.rpm$/.exec(srpm) : null;
    if (m !== null) {
      p.sourceName = m[1] as string;
      p.sourceVersion = m[2] as string;
    }
    out.push(p);
  }
  return out;
}

export async function parseRpmSqlite(content: Buffer, path: string): Promise<FoundPackage[]> {
  // The native SQLite binding loads only when an image has an rpm database.
  const { default: Sqlite } = await import('better-sqlite3');
  // SQLite opens files, not buffers, in better-sqlite3's read-only mode: a private temporary copy.
  const dir = mkdtempSync(join(tmpdir(), 'rampart-rpmdb-'));
  try {
    const file = join(dir, 'rpmdb.sqlite');
    writeFileSync(file, content);
    let db: Database.Database | undefined;
    try {
      db = new Sqlite(file, { readonly: true, fileMustExist: true });
      const rows = db.prepare('SELECT blob FROM Packages').all() as { blob: Uint8Array }[];
      return rpmPackages(
        rows.map((r) => r.blob),
        path,
      );
    } catch (e) {
      if (e instanceof CatalogError) throw e;
      throw new CatalogError(`not a readable rpmdb.sqlite: ${(e as Error).message}`);
    } finally {
      db?.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const rpmCataloger: Cataloger = {
  name: 'rpm',
  modes: ['rootfs'],
  wants: (path) =>
    DIRS.some((d) => path === `${d}rpmdb.sqlite` || path === `${d}Packages` || path === `${d}Packages.db`),
  async parse(content, file): Promise<CatalogResult> {
    if (file.path.endsWith('rpmdb.sqlite')) return { packages: await parseRpmSqlite(content, file.path) };
    const kind = file.path.endsWith('.db') ? 'NDB' : 'Berkeley DB';
    return {
      packages: [],
      skipped: [{ file: file.path, reason: `${kind} rpmdb backend is not supported (only rpmdb.sqlite)` }],
    };
  },
};
