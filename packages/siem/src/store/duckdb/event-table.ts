/** The events table: appends through DuckDB's appender (the fast path), reads through parameterized SQL. */
import type { SecurityEvent } from '@rampart/core/event';
import { columnValue, eventTimeMs, PROMOTED_COLUMNS } from '../columns.js';
import type { CountBucket, HistogramBucket, SearchOptions, SqlFilter, TimeRange } from '../types.js';
import { type Database, num, type Row } from './database.js';

export async function appendEvents(db: Database, events: readonly SecurityEvent[]): Promise<void> {
  if (events.length === 0) return;
  const now = Date.now();
  await db.write(async (conn) => {
    const appender = await conn.createAppender('events');
    try {
      for (let row = 0; row < events.length; row++) {
        // A yield now and then: a large batch must not hold the event loop; the rows commit together at close.
        if (row > 0 && row % 2000 === 0) await new Promise<void>((r) => setImmediate(r));
        const e = events[row] as SecurityEvent;
        appender.appendBigInt(BigInt(eventTimeMs(e, now)));
        const ingested = e.event.ingested === undefined ? now : Date.parse(e.event.ingested);
        appender.appendBigInt(BigInt(Number.isFinite(ingested) ? ingested : now));
        for (const col of PROMOTED_COLUMNS) {
          const v = columnValue(e, col);
          if (v === null) appender.appendNull();
          else if (col.type === 'int') appender.appendInteger(v as number);
          else appender.appendVarchar(v as string);
        }
        const original = e.event.original;
        e.event.original = undefined;
        appender.appendVarchar(JSON.stringify(e));
        e.event.original = original;
        appender.endRow();
      }
      // Closing flushes and commits: after this the rows are in the WAL and survive a crash.
      appender.closeSync();
    } catch (err) {
      try {
        appender.closeSync();
      } catch {
        // The appender is already broken; the original error says why.
      }
      throw err;
    }
  });
}

/** `WHERE` text and parameters for a filter plus a time range; the range parameters follow the filter's. */
export function whereWithRange(filter: SqlFilter, range: TimeRange): { sql: string; params: unknown[] } {
  const params: unknown[] = [...filter.params];
  const parts = [`(${filter.where})`];
  if (range.fromMs !== undefined) {
    params.push(BigInt(Math.floor(range.fromMs)));
    parts.push(`ts >= $${params.length}`);
  }
  if (range.toMs !== undefined) {
    params.push(BigInt(Math.floor(range.toMs)));
    parts.push(`ts < $${params.length}`);
  }
  return { sql: parts.join(' AND '), params };
}

export async function search(db: Database, filter: SqlFilter, options: SearchOptions = {}): Promise<SecurityEvent[]> {
  const { sql, params } = whereWithRange(filter, options);
  const limit = Math.max(1, Math.min(options.limit ?? 100, 10_000));
  const order = options.order === 'asc' ? 'ASC' : 'DESC';
  const rows = await db.rows(
    `SELECT doc, original FROM events WHERE ${sql} ORDER BY ts ${order} LIMIT ${limit}`,
    params,
  );
  return rows.map(toEvent);
}

export async function count(db: Database, filter: SqlFilter, range: TimeRange = {}): Promise<number> {
  const { sql, params } = whereWithRange(filter, range);
  const rows = await db.rows(`SELECT count(*) AS n FROM events WHERE ${sql}`, params);
  return num(rows[0]?.n);
}

/** Count by an expression the query compiler resolved (a column or a JSON extraction with its own parameter). */
export async function countBy(
  db: Database,
  key: SqlFilter,
  filter: SqlFilter,
  options: TimeRange & { limit?: number } = {},
): Promise<CountBucket[]> {
  const keyParams = key.params.length;
  // The key expression's parameters come first, so renumber the filter's after them.
  const shifted: SqlFilter = { where: shift(filter.where, keyParams), params: filter.params };
  const { sql, params } = whereWithRange(shifted, options);
  const limit = Math.max(1, Math.min(options.limit ?? 10, 10_000));
  const rows = await db.rows(
    `SELECT ${key.where} AS k, count(*) AS n FROM events WHERE ${sql} GROUP BY k ORDER BY n DESC, k LIMIT ${limit}`,
    [...key.params, ...params],
  );
  return rows.map((r) => ({ key: r.k === null || r.k === undefined ? null : String(r.k), count: num(r.n) }));
}

export async function histogram(
  db: Database,
  intervalMs: number,
  filter: SqlFilter,
  range: TimeRange = {},
): Promise<HistogramBucket[]> {
  const { sql, params } = whereWithRange(filter, range);
  const interval = BigInt(Math.max(1, Math.floor(intervalMs)));
  const rows = await db.rows(
    `SELECT (ts // ${interval}) * ${interval} AS b, count(*) AS n FROM events WHERE ${sql} GROUP BY b ORDER BY b`,
    params,
  );
  return rows.map((r) => ({ startMs: num(r.b), count: num(r.n) }));
}

export async function* scan(db: Database, range: TimeRange, pageSize: number): AsyncIterable<SecurityEvent[]> {
  let afterTs = range.fromMs === undefined ? Number.MIN_SAFE_INTEGER : range.fromMs - 1;
  let skipIds = new Set<string>();
  const to = range.toMs ?? Number.MAX_SAFE_INTEGER;
  for (;;) {
    // Keyset paging on (ts): rows at the page's last ts are re-read and skipped by id, so ties are never lost.
    const rows = await db.rows(
      'SELECT ts, id, doc, original FROM events WHERE ts > $1 AND ts < $2 ORDER BY ts, id LIMIT $3',
      [BigInt(afterTs), BigInt(to), pageSize + skipIds.size],
    );
    const page: SecurityEvent[] = [];
    // Rows at the previous page's last timestamp that were already yielded still count as "at the last timestamp".
    let lastTs = afterTs + 1;
    const idsAtLast = new Set<string>(skipIds);
    for (const r of rows) {
      const ts = num(r.ts);
      const id = String(r.id);
      if (ts === afterTs + 1 && skipIds.has(id)) continue;
      page.push(toEvent(r));
      if (ts !== lastTs) idsAtLast.clear();
      lastTs = ts;
      idsAtLast.add(id);
    }
    if (page.length === 0) return;
    yield page;
    if (rows.length < pageSize + skipIds.size) return;
    afterTs = lastTs - 1;
    skipIds = idsAtLast;
  }
}

export async function getEvents(db: Database, ids: readonly string[]): Promise<SecurityEvent[]> {
  if (ids.length === 0) return [];
  const marks = ids.map((_, i) => `$${i + 1}`).join(', ');
  const rows = await db.rows(`SELECT doc, original FROM events WHERE id IN (${marks}) ORDER BY ts`, ids);
  return rows.map(toEvent);
}

/** A stored row back into the event it was: the document with its original put back. */
function toEvent(r: Row): SecurityEvent {
  const e = JSON.parse(String(r.doc)) as SecurityEvent;
  if (typeof r.original === 'string') e.event.original = r.original;
  return e;
}

/** Renumbers `$n` placeholders by `by` (the compiler only ever emits `$` followed by digits for parameters). */
export function shift(where: string, by: number): string {
  return by === 0 ? where : where.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`);
}
