/**
 * The one-process SIEM (`rampart siem`): HTTP ingest and API, syslog, file tails and JetStream in; normalize → detect →
 * store → alerts → incidents; Prometheus /metrics and health. Everything is built from the config; `close()` stops
 * the inputs first, then drains the queue into the store, so a clean stop loses nothing that was accepted.
 */
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createLogger, RampartError, type Logger } from '@rampart/core';
import type { AlertOutput } from '../alerts/output.js';
import { stdoutOutput } from '../alerts/stdout-output.js';
import { webhookOutput } from '../alerts/webhook-output.js';
import { IncidentService } from '../incidents/incident-service.js';
import { FileTailer } from '../ingest/file-tail.js';
import { type NatsIngest, startNatsConsumer } from '../ingest/nats-consumer.js';
import { type SyslogListener, startSyslogTcp, startSyslogUdp } from '../ingest/syslog-server.js';
import { loadSigmaRules, type LoadResult } from '../sigma/index.js';
import { DuckDbEventStore } from '../store/duckdb/duckdb-store.js';
import type { EventStore } from '../store/types.js';
import type { SiemConfig } from './config.js';
import { type DetectionStage, NO_DETECTION, sigmaDetection } from './detection.js';
import { createSiemMetrics, type SiemMetrics } from './metrics.js';
import { startHttp } from './http-server.js';
import { IngestPipeline } from './pipeline.js';

export interface SiemDeps {
  logger?: Logger;
  /** Where the stdout alert output writes (tests pass their own stream). */
  alertStream?: NodeJS.WritableStream;
  /** Replaces the Sigma detection step (tests, embedders). */
  detection?: DetectionStage;
  /** Replaces the store named by the config (another engine, or a wrapped one in tests). */
  store?: EventStore;
}

export interface SiemService {
  readonly url: string | undefined;
  readonly syslogUdpPort: number | undefined;
  readonly syslogTcpPort: number | undefined;
  readonly store: EventStore;
  readonly pipeline: IngestPipeline;
  readonly incidents: IncidentService;
  readonly metrics: SiemMetrics;
  readonly rules: LoadResult | undefined;
  close(): Promise<void>;
}

export async function startSiem(config: SiemConfig, deps: SiemDeps = {}): Promise<SiemService> {
  const log = deps.logger ?? createLogger({ name: 'rampart-siem', destination: process.stderr as never });
  const metrics = createSiemMetrics();
  const onError = (m: string) => log.warn(m);

  const rules = config.sigma.rules.length > 0 ? loadRules(config, log) : undefined;
  const detection =
    deps.detection ??
    (rules === undefined
      ? NO_DETECTION
      : sigmaDetection(rules, { dedupeWindowMs: config.sigma.dedupeWindowSeconds * 1000, onError }));

  const store = deps.store ?? (await DuckDbEventStore.open(config.store.path));
  const outputs: AlertOutput[] = [];
  if (config.alerts.stdout) outputs.push(stdoutOutput(deps.alertStream));
  for (const w of config.alerts.webhooks) outputs.push(webhookOutput({ ...w, onError }));
  const incidents = new IncidentService(store);
  const pipeline = new IngestPipeline({
    store,
    detection,
    outputs,
    incidents: config.incidents.autoGroup ? incidents : undefined,
    metrics,
    maxQueuedEvents: config.queue.maxEvents,
    batchSize: config.queue.batchSize,
    onError,
  });
  const submit = pipeline.submit.bind(pipeline);
  const stops: (() => Promise<void>)[] = [];
  let url: string | undefined;
  let udp: SyslogListener | undefined;
  let tcp: SyslogListener | undefined;

  try {
    if (config.http.enabled) {
      const server = await startHttp(config, { store, pipeline, incidents, metrics, rules, detection });
      const a = server.address() as AddressInfo;
      url = `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
      stops.push(
        () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeIdleConnections();
          }),
      );
    }
    const onDrop = (n: number, reason: string) => {
      metrics.rejected.inc({ source: 'syslog', reason: 'dropped' }, n);
      log.warn(`syslog: dropped ${n} message(s): ${reason}`);
    };
    if (config.syslog.udp.enabled) {
      udp = await startSyslogUdp(pipeline, { host: config.syslog.udp.listen, port: config.syslog.udp.port, onDrop });
      stops.push(() => (udp as SyslogListener).close());
    }
    if (config.syslog.tcp.enabled) {
      tcp = await startSyslogTcp(pipeline, { host: config.syslog.tcp.listen, port: config.syslog.tcp.port, onDrop });
      stops.push(() => (tcp as SyslogListener).close());
    }
    if (config.files.length > 0) {
      const positionsFile =
        config.positionsFile ??
        join(
          dirname(resolve(config.store.path === ':memory:' ? '.' : config.store.path)),
          'rampart-siem.positions.json',
        );
      const tailer = new FileTailer(submit, config.files, { positionsFile, pollMs: config.filePollMs, onError });
      tailer.start();
      stops.push(() => tailer.close());
    }
    if (config.nats.enabled) {
      const nats: NatsIngest = await startNatsConsumer(submit, { ...config.nats, onError });
      stops.push(() => nats.close());
    }
  } catch (e) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await pipeline.close();
    await store.close();
    throw e;
  }

  const retention = setInterval(() => {
    const r = config.store.retention;
    store
      .applyRetention({ maxAgeMs: r.maxAgeDays * 86_400_000, maxEvents: r.maxEvents, maxBytes: r.maxBytes })
      .then((res) => {
        if (res.deletedByAge + res.deletedBySize > 0) log.info(res, 'retention applied');
      })
      .catch((e: Error) => onError(`retention failed: ${e.message}`));
  }, config.store.retentionIntervalSeconds * 1000);
  retention.unref();

  log.info({ url, rules: detection.rules, store: config.store.path }, 'rampart siem started');
  return {
    url,
    syslogUdpPort: udp?.port,
    syslogTcpPort: tcp?.port,
    store,
    pipeline,
    incidents,
    metrics,
    rules,
    async close() {
      clearInterval(retention);
      for (const stop of stops.reverse()) await stop().catch((e: Error) => onError(e.message));
      await pipeline.close();
      await incidents.idle();
      for (const o of outputs) await o.close();
      await store.close();
    },
  };
}

function loadRules(config: SiemConfig, log: Logger): LoadResult {
  const loaded = loadSigmaRules(config.sigma.rules, { pipeline: config.sigma.pipeline });
  for (const e of loaded.errors.slice(0, 20)) log.warn(`sigma rule not loaded: ${e.file}: ${e.reason}`);
  if (loaded.rules.length === 0 && loaded.correlations.length === 0) {
    throw new RampartError('CONFIG_INVALID', `no Sigma rule could be loaded from ${config.sigma.rules.join(', ')}`, {
      field: 'sigma.rules',
    });
  }
  log.info(
    { rules: loaded.rules.length, correlations: loaded.correlations.length, errors: loaded.errors.length },
    'sigma rules loaded',
  );
  return loaded;
}
