/** Prometheus metrics of the SIEM service (its own registry, so tests and embedders never share global state). */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface SiemMetrics {
  registry: Registry;
  ingested: Counter<'source'>;
  rejected: Counter<'source' | 'reason'>;
  alerts: Counter;
  queueDepth: Gauge;
  storeWriteSeconds: Histogram;
  huntSeconds: Histogram;
}

export function createSiemMetrics(): SiemMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'rampart_siem_' });
  return {
    registry,
    ingested: new Counter({
      name: 'rampart_siem_events_ingested_total',
      help: 'Events stored, by ingest source',
      labelNames: ['source'],
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'rampart_siem_events_rejected_total',
      help: 'Events refused, by source and reason (queue_full, invalid, unauthorized)',
      labelNames: ['source', 'reason'],
      registers: [registry],
    }),
    alerts: new Counter({ name: 'rampart_siem_alerts_total', help: 'Alerts raised', registers: [registry] }),
    queueDepth: new Gauge({
      name: 'rampart_siem_queue_events',
      help: 'Events waiting for the store',
      registers: [registry],
    }),
    storeWriteSeconds: new Histogram({
      name: 'rampart_siem_store_write_seconds',
      help: 'Time to commit one batch of events and alerts',
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    huntSeconds: new Histogram({
      name: 'rampart_siem_hunt_seconds',
      help: 'Hunting query time',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}
