/** HTTP ingest routes: `POST /api/v1/events` (JSON, NDJSON, gzip) and the Kubernetes audit webhook. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseAuditEventList } from '../ingest/k8s-audit-webhook.js';
import { parseEventBatch } from '../ingest/parse-batch.js';
import { readBody } from '../ingest/read-body.js';
import type { Normalized } from '../normalize/types.js';
import { BackpressureError, type IngestPipeline } from './pipeline.js';
import { type Router, sendError, sendJson } from './router.js';
import type { SiemMetrics } from './metrics.js';

export interface IngestRoutesOptions {
  pipeline: IngestPipeline;
  authorize: (req: IncomingMessage) => void;
  maxBodyBytes: number;
  metrics: SiemMetrics;
}

export function addIngestRoutes(router: Router, o: IngestRoutesOptions): void {
  const ingest =
    (source: string, parse: (text: string, req: IncomingMessage) => Normalized[]) =>
    async (req: IncomingMessage, res: ServerResponse) => {
      try {
        o.authorize(req);
      } catch (e) {
        req.resume();
        o.metrics.rejected.inc({ source, reason: 'unauthorized' });
        sendError(res, e, { 'www-authenticate': 'Bearer realm="rampart-siem"' });
        return;
      }
      let items: Normalized[];
      try {
        items = parse(await readBody(req, o.maxBodyBytes), req);
      } catch (e) {
        o.metrics.rejected.inc({ source, reason: 'invalid' });
        sendError(res, e);
        return;
      }
      try {
        await o.pipeline.submit(items, source);
        // Only now, with the events committed, is the sender told they are taken.
        sendJson(res, 200, { accepted: items.length });
      } catch (e) {
        const retry = e instanceof BackpressureError ? e.retryAfterSeconds : 5;
        sendError(res, e, { 'retry-after': String(retry) });
      }
    };

  router.add(
    'POST',
    '/api/v1/events',
    ingest('http', (text, req) => parseEventBatch(text, req.headers['content-type'], Date.now())),
  );
  router.add(
    'POST',
    '/api/v1/k8s-audit',
    ingest('k8s-audit', (text) => parseAuditEventList(text, Date.now())),
  );
}
