/**
 * `db import`: OSV records into the DB file, all or nothing. The new state is built in a temp file beside the DB (a
 * copy of the current DB, unless `replace`), and renamed over it only when complete: a failed or interrupted import
 * leaves the DB in use as it was. Malformed records are skipped, counted, and the first reasons kept.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { RampartError } from '@rampart/core';
import Database from 'better-sqlite3';
import { normalizePackageName } from '../vuln/osv/package-name.js';
import type { OsvAffected, OsvRecord } from '../vuln/osv/types.js';
import { osvRecordProblem } from '../vuln/osv/validate.js';
import { baseEcosystem, schemeFor } from '../vuln/version/registry.js';
import { createSchema } from './schema.js';
import { type RecordText, readRecordTexts } from './sources.js';

export interface ImportOptions {
  /** The DB file to create or update. */
  db: string;
  /** Start from an empty DB instead of adding to the current one. */
  replace?: boolean;
  /** What to record as the data's source in `db status` (default: the paths imported). */
  sourceLabel?: string;
  /** How many skip reasons to keep (default 5). */
  maxReasons?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportResult {
  db: string;
  imported: number;
  skipped: number;
  /** The first reasons records were skipped, `origin: reason`. */
  reasons: string[];
  /** Affected entries whose ecosystem Rampart cannot order versions for, per ecosystem (kept, never matched). */
  unsupportedEcosystems: Record<string, number>;
  /** Records per base ecosystem in this import. */
  byEcosystem: Record<string, number>;
}

export async function importOsv(paths: readonly string[], options: ImportOptions): Promise<ImportResult> {
  const texts = readRecordTexts(paths);
  return importRecordTexts(texts, { ...options, sourceLabel: options.sourceLabel ?? paths.join(', ') });
}

/** Imports already-read record texts (used by `db update` after downloading). */
export function importRecordTexts(texts: readonly RecordText[], options: ImportOptions): ImportResult {
  const maxReasons = options.maxReasons ?? 5;
  const result: ImportResult = {
    db: options.db,
    imported: 0,
    skipped: 0,
    reasons: [],
    unsupportedEcosystems: {},
    byEcosystem: {},
  };
  const skip = (origin: string, reason: string) => {
    result.skipped++;
    if (result.reasons.length < maxReasons) result.reasons.push(`${origin}: ${reason}`);
  };
  const records: OsvRecord[] = [];
  for (const t of texts) for (const r of parseRecords(t, skip)) records.push(r);
  if (records.length === 0) {
    throw new RampartError(
      'INPUT_INVALID',
      `no usable OSV record in the input (${result.skipped} skipped${result.reasons[0] ? `; first: ${result.reasons[0]}` : ''})`,
    );
  }
  mkdirSync(dirname(options.db), { recursive: true });
  const temp = join(dirname(options.db), `.${basename(options.db)}.${process.pid}.${Date.now()}.tmp`);
  try {
    if (options.replace !== true && existsSync(options.db)) copyFileSync(options.db, temp);
    writeRecords(temp, records, result, options);
    renameSync(temp, options.db);
  } catch (e) {
    rmSync(temp, { force: true });
    if (e instanceof RampartError) throw e;
    throw new RampartError('IO', `cannot write the vulnerability DB ${options.db}: ${(e as Error).message}`, {
      file: options.db,
      cause: e,
    });
  }
  return result;
}

/** A file holds one record, a list of records, or an OSV API answer (`{ "vulns": [...] }`). */
function* parseRecords(t: RecordText, skip: (origin: string, reason: string) => void): Generator<OsvRecord> {
  let value: unknown;
  try {
    value = JSON.parse(t.text);
  } catch (e) {
    skip(t.origin, `not JSON (${(e as Error).message})`);
    return;
  }
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null && Array.isArray((value as { vulns?: unknown }).vulns)
      ? (value as { vulns: unknown[] }).vulns
      : [value];
  for (const item of list) {
    const problem = osvRecordProblem(item);
    if (problem === undefined) yield item as OsvRecord;
    else skip(t.origin, problem);
  }
}

function writeRecords(path: string, records: readonly OsvRecord[], result: ImportResult, options: ImportOptions): void {
  let db: Database.Database;
  try {
    db = new Database(path);
    createSchema(db);
  } catch (e) {
    throw new RampartError(
      'INPUT_INVALID',
      `${options.db} is not a Rampart vulnerability DB (${(e as Error).message})`,
      {
        file: options.db,
        cause: e,
      },
    );
  }
  try {
    db.pragma('journal_mode = DELETE');
    const existing = db.prepare<[string], { modified: string }>('SELECT modified FROM advisory WHERE id = ?');
    const upsert = db.prepare(
      'INSERT OR REPLACE INTO advisory (id, modified, withdrawn, core, details) VALUES (@id, @modified, @withdrawn, @core, @details)',
    );
    const clear = db.prepare('DELETE FROM affected WHERE id = ?');
    const insert = db.prepare('INSERT INTO affected (base, ecosystem, name, id, entries) VALUES (?, ?, ?, ?, ?)');
    const run = db.transaction(() => {
      records.forEach((r, i) => {
        const current = existing.get(r.id);
        // The newest `modified` wins when the same advisory arrives twice (several zips carry multi-ecosystem records).
        if (current === undefined || current.modified <= r.modified) {
          const { affected, details, ...core } = r;
          upsert.run({
            id: r.id,
            modified: r.modified,
            withdrawn: r.withdrawn ?? null,
            core: deflateRawSync(JSON.stringify(core)),
            details: details === undefined ? null : deflateRawSync(details),
          });
          clear.run(r.id);
          // One row per (ecosystem, package) with that package's entries only.
          const byPackage = new Map<string, { ecosystem: string; name: string; entries: OsvAffected[] }>();
          for (const a of affected ?? []) {
            if (a.package === undefined) continue;
            const { ecosystem, name } = a.package;
            if (schemeFor(ecosystem) === undefined) {
              result.unsupportedEcosystems[ecosystem] = (result.unsupportedEcosystems[ecosystem] ?? 0) + 1;
            }
            const key = `${ecosystem}\u0000${normalizePackageName(ecosystem, name)}`;
            const group = byPackage.get(key) ?? { ecosystem, name: normalizePackageName(ecosystem, name), entries: [] };
            group.entries.push(a);
            byPackage.set(key, group);
          }
          for (const g of byPackage.values()) {
            insert.run(
              baseEcosystem(g.ecosystem),
              g.ecosystem,
              g.name,
              r.id,
              deflateRawSync(JSON.stringify(g.entries)),
            );
          }
        }
        result.imported++;
        const base = baseEcosystem(r.affected?.[0]?.package?.ecosystem ?? 'unknown');
        result.byEcosystem[base] = (result.byEcosystem[base] ?? 0) + 1;
        if (options.onProgress !== undefined && i % 1000 === 0) options.onProgress(i, records.length);
      });
      const now = new Date().toISOString();
      const setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
      setMeta.run('updated_at', now);
      setMeta.run('source', options.sourceLabel ?? '');
      const newest = db.prepare<[], { m: string | null }>('SELECT max(modified) AS m FROM advisory').get();
      setMeta.run('data_modified', newest?.m ?? '');
      db.prepare('INSERT INTO import_log (at, sources, imported, skipped, reasons) VALUES (?, ?, ?, ?, ?)').run(
        now,
        options.sourceLabel ?? '',
        result.imported,
        result.skipped,
        JSON.stringify(result.reasons),
      );
    });
    run();
    options.onProgress?.(records.length, records.length);
  } finally {
    db.close();
  }
}
