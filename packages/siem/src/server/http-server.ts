/** The SIEM's HTTP server: ingest endpoints, the hunting/alerts/incidents API, Prometheus /metrics and /healthz. */
import { createServer, type Server } from 'node:http';
import { RampartError } from '@rampart/core';
import type { IncidentService } from '../incidents/incident-service.js';
import type { LoadResult } from '../sigma/index.js';
import type { EventStore } from '../store/types.js';
import { addIncidentRoutes } from './api-incidents.js';
import { addIngestRoutes } from './api-ingest.js';
import { addQueryRoutes } from './api-query.js';
import { bearerCheck } from './auth.js';
import type { SiemConfig } from './config.js';
import type { DetectionStage } from './detection.js';
import type { SiemMetrics } from './metrics.js';
import type { IngestPipeline } from './pipeline.js';
import { Router, sendJson } from './router.js';

export interface HttpParts {
  store: EventStore;
  pipeline: IngestPipeline;
  incidents: IncidentService;
  metrics: SiemMetrics;
  rules: LoadResult | undefined;
  detection: DetectionStage;
}

export async function startHttp(config: SiemConfig, p: HttpParts): Promise<Server> {
  const authorize = bearerCheck(config.http.tokens);
  const router = new Router();
  addIngestRoutes(router, {
    pipeline: p.pipeline,
    authorize,
    maxBodyBytes: config.http.maxBodyBytes,
    metrics: p.metrics,
  });
  addQueryRoutes(router, { store: p.store, authorize, metrics: p.metrics, rules: p.rules });
  addIncidentRoutes(router, { store: p.store, incidents: p.incidents, authorize });
  router.add('GET', '/metrics', async (_req, res) => {
    const text = await p.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': p.metrics.registry.contentType }).end(text);
  });
  router.add('GET', '/healthz', async (_req, res) =>
    sendJson(res, 200, { status: 'ok', queuedEvents: p.pipeline.queuedEvents, rules: p.detection.rules }),
  );
  const server = createServer((req, res) => {
    router.handle(req, res).catch((e: Error) => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL', message: e.message } });
      else res.destroy();
    });
  });
  server.requestTimeout = 60_000;
  // Longer than the usual client and load-balancer idle timeouts, so the server is never the side that closes a
  // keep-alive connection just as a sender reuses it (which the sender sees as a reset, not knowing if it was stored).
  server.keepAliveTimeout = 75_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new RampartError('IO', `cannot listen on ${config.http.listen}:${config.http.port}: ${e.code ?? e.message}`, {
          field: 'http.port',
        }),
      ),
    );
    server.listen(config.http.port, config.http.listen, () => resolve());
  });
  return server;
}
