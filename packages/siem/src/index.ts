/** `@rampart/siem`: public surface (filled by its issue). */
// Sigma detection, correlation and offline hunting (issue 9 part A).
export * from './sigma/index.js';
export * from './correlation/index.js';
export * from './hunt-offline/index.js';
// Ingestion, normalization, the store, hunting, alerts, incidents and the `rampart siem` service (issue 9 part B).
export type { SecurityEvent } from '@rampart/core/event';
export { normalizeJson, normalizeLine, splitJsonDocument } from './normalize/normalize.js';
export type { EventLogsource, Normalized } from './normalize/types.js';
export { parseSyslog } from './normalize/syslog.js';
export type * from './store/types.js';
export { INCIDENT_STATUSES } from './store/types.js';
export { DuckDbEventStore } from './store/duckdb/duckdb-store.js';
export { compileQuery } from './query/compile.js';
export { hunt as huntStore, aggregate, type HuntRequest, type AggregateRequest } from './query/hunt.js';
export { retroHunt, type RetroHuntRequest, type RetroHuntResult } from './query/retro-hunt.js';
export { parseTimeBound, parseInterval } from './query/time-range.js';
export { toAlertRecord, entityOf } from './alerts/alert-record.js';
export type { AlertOutput } from './alerts/output.js';
export { stdoutOutput } from './alerts/stdout-output.js';
export { webhookOutput, signBody, type WebhookOptions } from './alerts/webhook-output.js';
export { IncidentService, type IncidentDetail } from './incidents/incident-service.js';
export { FileTailer, type TailedFile } from './ingest/file-tail.js';
export { startNatsConsumer, type NatsConsumerOptions } from './ingest/nats-consumer.js';
export { startSyslogTcp, startSyslogUdp } from './ingest/syslog-server.js';
export { SyslogFramer } from './ingest/syslog-framing.js';
export { IngestPipeline, BackpressureError } from './server/pipeline.js';
export { sigmaDetection, NO_DETECTION, type DetectionStage, type Detection } from './server/detection.js';
export { startSiem, type SiemService, type SiemDeps } from './server/siem-service.js';
export { loadSiemConfig, parseSiemConfig, SIEM_CONFIG_SCHEMA, type SiemConfig } from './server/config.js';
export { SiemClient } from './server/api-client.js';
