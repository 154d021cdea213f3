/**
 * The read side of the DB: look-ups by ecosystem and package name, advisories by ID (inflated once and cached), and
 * where the data came from. Opened read-only; a missing or foreign file is a clear input error, not a stack trace.
 */
import { existsSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { RampartError } from '@rampart/core';
import Database from 'better-sqlite3';
import type { OsvAffected, OsvRecord } from '../vuln/osv/types.js';
import { SCHEMA_VERSION } from './schema.js';

export interface AffectedRow {
  id: string;
  ecosystem: string;
  /** This package's `affected[]` entries of the advisory (parsed on first call). */
  entries(): OsvAffected[];
}

export interface DbInfo {
  path: string;
  source: string;
  /** RFC 3339 UTC: when the data was last imported or updated. */
  updatedAt: string;
  /** The newest `modified` among the advisories: how fresh the data itself is. */
  dataModified: string;
}

export interface VulnDb {
  readonly info: DbInfo;
  /** Advisories naming this package (normalized name) in this base ecosystem (`Debian`, `npm`). */
  lookup(baseEcosystem: string, normalizedName: string): AffectedRow[];
  /** The advisory without `affected` (cached): what a finding reports. */
  advisory(id: string): OsvRecord | undefined;
  /** The whole OSV record, `affected` included (not cached; for export and inspection). */
  record(id: string): OsvRecord | undefined;
  close(): void;
}

export function openVulnDb(path: string): VulnDb {
  if (!existsSync(path)) {
    throw new RampartError(
      'INPUT_NOT_FOUND',
      `no vulnerability DB at ${path}: run "rampart db import PATH" (offline) or "rampart db update" first`,
      { file: path },
    );
  }
  let db: Database.Database;
  let meta: Map<string, string>;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const rows = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM meta').all();
    meta = new Map(rows.map((r) => [r.key, r.value]));
  } catch (e) {
    throw new RampartError('INPUT_INVALID', `${path} is not a Rampart vulnerability DB (${(e as Error).message})`, {
      file: path,
      cause: e,
    });
  }
  if (meta.get('schema_version') !== SCHEMA_VERSION) {
    db.close();
    throw new RampartError(
      'INPUT_INVALID',
      `${path} has DB layout ${meta.get('schema_version') ?? '(none)'}, this rampart reads ${SCHEMA_VERSION}: re-import it`,
      { file: path },
    );
  }
  const byPackage = db.prepare<[string, string], { id: string; ecosystem: string; entries: Buffer }>(
    'SELECT id, ecosystem, entries FROM affected WHERE base = ? AND name = ?',
  );
  const entriesById = db.prepare<[string], { entries: Buffer }>(
    'SELECT entries FROM affected WHERE id = ? ORDER BY rowid',
  );
  const byId = db.prepare<[string], { core: Buffer; details: Buffer | null }>(
    'SELECT core, details FROM advisory WHERE id = ?',
  );
  const cache = new Map<string, OsvRecord | undefined>();
  const advisory = (id: string): OsvRecord | undefined => {
    if (cache.has(id)) return cache.get(id);
    const row = byId.get(id);
    let record: OsvRecord | undefined;
    if (row !== undefined) {
      record = JSON.parse(inflateRawSync(row.core).toString('utf8')) as OsvRecord;
      if (row.details !== null) record.details = inflateRawSync(row.details).toString('utf8');
    }
    cache.set(id, record);
    return record;
  };
  const entryCache = new Map<string, OsvAffected[]>();
  const inflateEntries = (blob: Buffer) => JSON.parse(inflateRawSync(blob).toString('utf8')) as OsvAffected[];
  return {
    info: {
      path,
      source: meta.get('source') ?? '',
      updatedAt: meta.get('updated_at') ?? '',
      dataModified: meta.get('data_modified') ?? '',
    },
    lookup: (base, name) =>
      byPackage.all(base, name).map((r) => {
        // Cached per row: several versions of one package (common in node_modules) share the parsed entries.
        const key = `${r.id}\u0000${r.ecosystem}\u0000${name}`;
        const entries = () => {
          let parsed = entryCache.get(key);
          if (parsed === undefined) {
            parsed = inflateEntries(r.entries);
            entryCache.set(key, parsed);
          }
          return parsed;
        };
        return { id: r.id, ecosystem: r.ecosystem, entries };
      }),
    advisory,
    record(id) {
      const core = advisory(id);
      if (core === undefined) return undefined;
      return { ...core, affected: entriesById.all(id).flatMap((r) => inflateEntries(r.entries)) };
    },
    close: () => db.close(),
  };
}
