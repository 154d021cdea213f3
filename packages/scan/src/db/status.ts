/** `db status`: where the data came from, when, and how many advisories per ecosystem. */
import BetterSqlite from 'better-sqlite3';
import { openVulnDb } from './open.js';

export interface DbStatus {
  path: string;
  source: string;
  updatedAt: string;
  dataModified: string;
  advisories: number;
  withdrawn: number;
  /** Advisories per base ecosystem (an advisory naming two ecosystems counts in both). */
  ecosystems: Record<string, number>;
  lastImport?: { at: string; imported: number; skipped: number; reasons: string[] };
}

/** Validates the file as a DB first (clear errors for missing or foreign files), then counts. */
export function dbStatus(path: string): DbStatus {
  const info = openVulnDb(path);
  const meta = info.info;
  info.close();
  const db = new BetterSqlite(path, { readonly: true, fileMustExist: true });
  try {
    const count = db
      .prepare<[], { n: number; w: number }>('SELECT count(*) AS n, count(withdrawn) AS w FROM advisory')
      .get() ?? { n: 0, w: 0 };
    const rows = db
      .prepare<[], { base: string; n: number }>(
        'SELECT base, count(DISTINCT id) AS n FROM affected GROUP BY base ORDER BY base',
      )
      .all();
    const last = db
      .prepare<[], { at: string; imported: number; skipped: number; reasons: string }>(
        'SELECT at, imported, skipped, reasons FROM import_log ORDER BY rowid DESC LIMIT 1',
      )
      .get();
    const status: DbStatus = {
      path,
      source: meta.source,
      updatedAt: meta.updatedAt,
      dataModified: meta.dataModified,
      advisories: count.n,
      withdrawn: count.w,
      ecosystems: Object.fromEntries(rows.map((r) => [r.base, r.n])),
    };
    if (last !== undefined) {
      status.lastImport = {
        at: last.at,
        imported: last.imported,
        skipped: last.skipped,
        reasons: JSON.parse(last.reasons) as string[],
      };
    }
    return status;
  } finally {
    db.close();
  }
}
