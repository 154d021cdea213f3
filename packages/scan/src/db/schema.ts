/**
 * The DB file's tables. One row per advisory (its OSV JSON without `affected` and `details`, deflated; `details`
 * deflated apart), one row per affected package keyed by base ecosystem and normalized name carrying that package's own
 * `affected[]` entries (so matching parses only what concerns the package at hand, never a record's other ecosystems),
 * and a key/value table for where and when the data came from. Bump SCHEMA_VERSION when the layout changes: an older file is then rejected with a clear message.
 */
import type { Database } from 'better-sqlite3';

export const SCHEMA_VERSION = '2';

export function createSchema(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS advisory (
      id TEXT PRIMARY KEY,
      modified TEXT NOT NULL,
      withdrawn TEXT,
      core BLOB NOT NULL,
      details BLOB
    );
    CREATE TABLE IF NOT EXISTS affected (
      base TEXT NOT NULL,
      ecosystem TEXT NOT NULL,
      name TEXT NOT NULL,
      id TEXT NOT NULL,
      entries BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS affected_by_package ON affected (base, name);
    CREATE INDEX IF NOT EXISTS affected_by_id ON affected (id);
    CREATE TABLE IF NOT EXISTS import_log (
      at TEXT NOT NULL,
      sources TEXT NOT NULL,
      imported INTEGER NOT NULL,
      skipped INTEGER NOT NULL,
      reasons TEXT NOT NULL
    );
  `);
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema_version', SCHEMA_VERSION);
}
