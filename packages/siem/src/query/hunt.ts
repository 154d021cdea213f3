/** Hunting over the store: a query plus a time range, and the aggregations analysts reach for first. */
import { RampartError } from '@rampart/core';
import type { SecurityEvent } from '@rampart/core/event';
import type { CountBucket, EventStore, HistogramBucket, TimeRange } from '../store/types.js';
import { compileQuery } from './compile.js';
import { keyExpression } from './field-sql.js';
import { parseInterval, parseTimeBound } from './time-range.js';

export interface HuntRequest {
  query?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export interface AggregateRequest extends HuntRequest {
  /** Count by this field (top-N with `limit`). */
  countBy?: string;
  /** Histogram interval (`1h`, `5m`). */
  interval?: string;
}

export function timeRange(req: HuntRequest, nowMs = Date.now()): TimeRange {
  const range: TimeRange = {};
  if (req.from !== undefined && req.from !== '') range.fromMs = parseTimeBound(req.from, 'from', nowMs);
  if (req.to !== undefined && req.to !== '') range.toMs = parseTimeBound(req.to, 'to', nowMs);
  return range;
}

export async function hunt(store: EventStore, req: HuntRequest): Promise<{ count: number; events: SecurityEvent[] }> {
  const filter = compileQuery(req.query ?? '');
  const range = timeRange(req);
  const [count, events] = await Promise.all([
    store.count(filter, range),
    store.search(filter, { ...range, limit: req.limit ?? 100 }),
  ]);
  return { count, events };
}

export async function aggregate(
  store: EventStore,
  req: AggregateRequest,
): Promise<{ buckets: CountBucket[] } | { histogram: HistogramBucket[] }> {
  const filter = compileQuery(req.query ?? '');
  const range = timeRange(req);
  if (req.countBy !== undefined) {
    return { buckets: await store.countBy(keyExpression(req.countBy), filter, { ...range, limit: req.limit ?? 10 }) };
  }
  if (req.interval !== undefined) {
    return { histogram: await store.histogram(parseInterval(req.interval), filter, range) };
  }
  throw new RampartError('USAGE', 'an aggregation needs countBy (a field) or interval (such as 1h)', {
    field: 'countBy',
  });
}
