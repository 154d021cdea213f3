/**
 * ingest → detect → store → alerts, with a bounded queue in front. `submit` resolves only once the events (and the
 * alerts they raised) are committed to the store, so an ingest endpoint acknowledges durable data only. When the queue
 * is full, `submit` refuses at once (SIEM_BACKPRESSURE) and the endpoint answers 429/503 with Retry-After: memory
 * never grows without bound.
 */
import { RampartError } from '@rampart/core';
import { rfc3339, type SecurityEvent } from '@rampart/core/event';
import { toAlertRecord } from '../alerts/alert-record.js';
import type { AlertOutput } from '../alerts/output.js';
import type { IncidentService } from '../incidents/incident-service.js';
import type { Normalized } from '../normalize/types.js';
import type { AlertRecord, EventStore } from '../store/types.js';
import type { DetectionStage } from './detection.js';
import type { SiemMetrics } from './metrics.js';

export interface PipelineOptions {
  store: EventStore;
  detection: DetectionStage;
  outputs?: readonly AlertOutput[];
  incidents?: IncidentService;
  metrics?: SiemMetrics;
  /** Events waiting for the store, at most (default 100,000). */
  maxQueuedEvents?: number;
  /** Events per store write (default 10,000). */
  batchSize?: number;
  onError?: (message: string) => void;
}

const DETECT_SLICE = 500;

interface Job {
  items: readonly Normalized[];
  source: string;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** The queue is full (SIEM_BACKPRESSURE → 429) or the service is stopping (SIEM_UNAVAILABLE → 503). */
export class BackpressureError extends RampartError {
  constructor(
    readonly retryAfterSeconds: number,
    reason: string,
    code: 'SIEM_BACKPRESSURE' | 'SIEM_UNAVAILABLE' = 'SIEM_BACKPRESSURE',
  ) {
    super(code, reason);
  }
}

export class IngestPipeline {
  private readonly jobs: Job[] = [];
  private queued = 0;
  private pumping: Promise<void> | undefined;
  private closed = false;
  private readonly maxQueued: number;
  private readonly batchSize: number;

  constructor(private readonly options: PipelineOptions) {
    this.maxQueued = options.maxQueuedEvents ?? 100_000;
    this.batchSize = options.batchSize ?? 10_000;
  }

  get queuedEvents(): number {
    return this.queued;
  }

  /** Queues events; resolves once stored. Rejects at once with BackpressureError when the queue cannot take them. */
  submit(items: readonly Normalized[], source: string): Promise<void> {
    if (this.closed) return Promise.reject(new BackpressureError(5, 'the SIEM is shutting down', 'SIEM_UNAVAILABLE'));
    if (items.length === 0) return Promise.resolve();
    if (this.queued + items.length > this.maxQueued && this.queued > 0) {
      this.options.metrics?.rejected.inc({ source, reason: 'queue_full' }, items.length);
      return Promise.reject(new BackpressureError(1, `the ingest queue is full (${this.queued} events waiting)`));
    }
    const ingested = rfc3339();
    for (const n of items) n.event.event.ingested ??= ingested;
    this.queued += items.length;
    this.options.metrics?.queueDepth.set(this.queued);
    return new Promise<void>((resolve, reject) => {
      this.jobs.push({ items, source, resolve, reject });
      this.pumping ??= this.pump();
    });
  }

  /** Refuses new events and waits for the queued ones to be stored. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pumping;
  }

  private async pump(): Promise<void> {
    while (this.jobs.length > 0) {
      const batch: Job[] = [];
      let n = 0;
      while (this.jobs.length > 0 && (n === 0 || n + (this.jobs[0] as Job).items.length <= this.batchSize)) {
        const job = this.jobs.shift() as Job;
        batch.push(job);
        n += job.items.length;
      }
      try {
        const alerts = await this.write(batch.flatMap((j) => j.items));
        for (const j of batch) {
          this.options.metrics?.ingested.inc({ source: j.source }, j.items.length);
          j.resolve();
        }
        this.deliver(alerts);
      } catch (e) {
        const err = new RampartError('SIEM_STORE_WRITE', `the event store refused a write: ${(e as Error).message}`, {
          cause: e,
        });
        this.options.onError?.(err.message);
        for (const j of batch) j.reject(err);
      }
      this.queued -= n;
      this.options.metrics?.queueDepth.set(this.queued);
    }
    this.pumping = undefined;
  }

  private async write(items: readonly Normalized[]): Promise<AlertRecord[]> {
    const { store, detection, metrics } = this.options;
    const detections: ReturnType<DetectionStage['detect']> = [];
    // Rules run in slices with a yield between them: a big batch must not hold the event loop (and so the HTTP
    // server, health checks and acks) for seconds.
    for (let i = 0; i < items.length; i += DETECT_SLICE) {
      try {
        detections.push(...detection.detect(items.slice(i, i + DETECT_SLICE)));
      } catch (e) {
        this.options.onError?.(`detection failed, events stored without it: ${(e as Error).message}`);
      }
      if (i + DETECT_SLICE < items.length) await new Promise<void>((r) => setImmediate(r));
    }
    const alerts = detections.map((d) => toAlertRecord(d.alert, d.trigger));
    const events: SecurityEvent[] = items.map((i) => i.event);
    for (const a of alerts) events.push(a.event);
    const end = metrics?.storeWriteSeconds.startTimer();
    await store.appendEvents(events);
    await store.appendAlerts(alerts);
    end?.();
    return alerts;
  }

  /** After the commit: incidents and outputs. Their failures are reported, never turned into a failed ingest. */
  private deliver(alerts: AlertRecord[]): void {
    if (alerts.length === 0) return;
    this.options.metrics?.alerts.inc(alerts.length);
    for (const o of this.options.outputs ?? []) o.send(alerts);
    this.options.incidents
      ?.group(alerts)
      .catch((e: Error) => this.options.onError?.(`incident grouping failed: ${e.message}`));
  }
}
