/**
 * Retention: first by age, then by size (event count and stored document size in characters, which is bytes for
 * ASCII), always deleting the oldest first.
 * Size is measured on the documents, not the file: DuckDB reuses freed blocks, so the file stops growing instead of
 * shrinking.
 */
import type { RetentionPolicy, RetentionResult } from '../types.js';
import { type Database, num } from './database.js';

export async function applyRetention(
  db: Database,
  policy: RetentionPolicy,
  nowMs = Date.now(),
): Promise<RetentionResult> {
  let deletedByAge = 0;
  let deletedBySize = 0;
  if (policy.maxAgeMs !== undefined) {
    deletedByAge = await deleteWhere(db, 'ts < $1', [BigInt(Math.floor(nowMs - policy.maxAgeMs))]);
  }
  if (policy.maxEvents !== undefined) {
    deletedBySize += await deleteWhere(
      db,
      'rowid IN (SELECT rowid FROM events ORDER BY ts DESC, rowid DESC OFFSET $1)',
      [BigInt(Math.max(0, Math.floor(policy.maxEvents)))],
    );
  }
  if (policy.maxBytes !== undefined) {
    // The newest events whose running total of document bytes still fits are kept.
    const rows = await db.rows(
      'SELECT min(ts) AS keep_from FROM (SELECT ts, sum(length(doc) + coalesce(length(original), 0)) OVER (ORDER BY ts DESC ' +
        'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM events) t WHERE running <= $1',
      [BigInt(Math.floor(policy.maxBytes))],
    );
    const keepFrom = rows[0]?.keep_from;
    if (keepFrom === null || keepFrom === undefined) deletedBySize += await deleteWhere(db, '1 = 1', []);
    else deletedBySize += await deleteWhere(db, 'ts < $1', [BigInt(num(keepFrom))]);
  }
  return { deletedByAge, deletedBySize };
}

async function deleteWhere(db: Database, where: string, params: unknown[]): Promise<number> {
  return db.write(async (conn) => {
    const r = await conn.run(`DELETE FROM events WHERE ${where}`, params as never[]);
    return r.rowsChanged;
  });
}
