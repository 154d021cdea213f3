/** HTTP routes for hunting, aggregations, retro-hunts and alerts. */
import type { IncomingMessage } from 'node:http';
import { RampartError } from '@rampart/core';
import { readBody } from '../ingest/read-body.js';
import { aggregate, hunt, timeRange } from '../query/hunt.js';
import { retroHunt } from '../query/retro-hunt.js';
import type { LoadResult } from '../sigma/index.js';
import type { EventStore } from '../store/types.js';
import type { SiemMetrics } from './metrics.js';
import { guarded as guardedBy, type Handler, type Router, sendJson } from './router.js';

export interface QueryRoutesOptions {
  store: EventStore;
  authorize: (req: IncomingMessage) => void;
  metrics: SiemMetrics;
  rules?: LoadResult;
}

export async function jsonBody(req: IncomingMessage, max = 1024 * 1024): Promise<Record<string, unknown>> {
  const text = await readBody(req, max);
  try {
    const v = JSON.parse(text === '' ? '{}' : text) as unknown;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new RampartError('INPUT_INVALID', 'the body must be a JSON object', { field: 'body' });
}

const opt = (u: URL, k: string) => u.searchParams.get(k) ?? undefined;
const optInt = (u: URL, k: string) => {
  const v = u.searchParams.get(k);
  if (v === null) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new RampartError('USAGE', `${k} must be a positive integer`, { field: k });
  return n;
};

export function addQueryRoutes(router: Router, o: QueryRoutesOptions): void {
  const guarded = (fn: Handler): Handler => guardedBy(o.authorize, fn);

  router.add(
    'GET',
    '/api/v1/events',
    guarded(async (_req, res, _p, url) => {
      const end = o.metrics.huntSeconds.startTimer();
      const r = await hunt(o.store, {
        query: opt(url, 'query') ?? opt(url, 'q'),
        from: opt(url, 'from'),
        to: opt(url, 'to'),
        limit: optInt(url, 'limit'),
      });
      end();
      sendJson(res, 200, r);
    }),
  );
  router.add(
    'GET',
    '/api/v1/events/aggregate',
    guarded(async (_req, res, _p, url) => {
      const r = await aggregate(o.store, {
        query: opt(url, 'query') ?? opt(url, 'q'),
        from: opt(url, 'from'),
        to: opt(url, 'to'),
        limit: optInt(url, 'limit'),
        countBy: opt(url, 'countBy'),
        interval: opt(url, 'interval'),
      });
      sendJson(res, 200, r);
    }),
  );
  router.add(
    'POST',
    '/api/v1/retro-hunt',
    guarded(async (req, res) => {
      const b = await jsonBody(req);
      const range = timeRange({ from: b.from as string | undefined, to: b.to as string | undefined });
      const r = await retroHunt(
        o.store,
        {
          ...range,
          ruleText: typeof b.rule === 'string' ? b.rule : undefined,
          ruleIds: Array.isArray(b.ruleIds) ? b.ruleIds.map(String) : undefined,
          limit: typeof b.limit === 'number' ? b.limit : undefined,
        },
        o.rules,
      );
      sendJson(res, 200, r);
    }),
  );
  router.add(
    'GET',
    '/api/v1/alerts',
    guarded(async (_req, res, _p, url) => {
      const range = timeRange({ from: opt(url, 'from'), to: opt(url, 'to') });
      sendJson(res, 200, { alerts: await o.store.listAlerts({ ...range, limit: optInt(url, 'limit') }) });
    }),
  );
}
