/**
 * The `EventStore` contract: what the SIEM needs from a store, whatever the engine behind it (DuckDB embedded by default,
 * PostgreSQL later). A write resolves only once the rows are committed, so a caller may acknowledge after it.
 */
import type { SecurityEvent } from '@rampart/core/event';

/** A WHERE fragment with positional parameters `$1..$n`, as the hunting compiler produces it. Never built from text. */
export interface SqlFilter {
  where: string;
  params: readonly (string | number | boolean)[];
}

export interface TimeRange {
  /** Inclusive lower bound, epoch milliseconds. */
  fromMs?: number;
  /** Exclusive upper bound, epoch milliseconds. */
  toMs?: number;
}

export interface SearchOptions extends TimeRange {
  limit?: number;
  /** Newest first by default. */
  order?: 'asc' | 'desc';
}

export interface CountBucket {
  key: string | null;
  count: number;
}

export interface HistogramBucket {
  /** Start of the bucket, epoch milliseconds. */
  startMs: number;
  count: number;
}

export type IncidentStatus = 'new' | 'triaged' | 'contained' | 'resolved';
export const INCIDENT_STATUSES: readonly IncidentStatus[] = ['new', 'triaged', 'contained', 'resolved'];

export interface AlertRecord {
  id: string;
  tsMs: number;
  ruleId: string;
  ruleTitle: string;
  level: string;
  /** The entity the alert is about (`source.ip=1.2.3.4`, `user.name=bob`), used to group alerts into incidents. */
  entity: string;
  eventIds: string[];
  incidentId: string | null;
  event: SecurityEvent;
}

export interface IncidentRecord {
  id: string;
  title: string;
  status: IncidentStatus;
  assignee: string | null;
  level: string;
  ruleId: string | null;
  entity: string | null;
  createdMs: number;
  updatedMs: number;
  alertCount: number;
}

export type TimelineKind = 'created' | 'alert' | 'status' | 'assign' | 'note';

export interface TimelineEntry {
  incidentId: string;
  tsMs: number;
  kind: TimelineKind;
  author: string | null;
  text: string;
}

export interface RetentionPolicy {
  /** Events older than this are deleted. */
  maxAgeMs?: number;
  /** At most this many events are kept (oldest deleted first). */
  maxEvents?: number;
  /** At most this many bytes of stored event documents are kept (oldest deleted first). */
  maxBytes?: number;
}

export interface RetentionResult {
  deletedByAge: number;
  deletedBySize: number;
}

export interface EventStore {
  /** Appends events (alerts included: they are events with `event.kind: alert`). Resolves once committed. */
  appendEvents(events: readonly SecurityEvent[]): Promise<void>;
  search(filter: SqlFilter, options?: SearchOptions): Promise<SecurityEvent[]>;
  count(filter: SqlFilter, range?: TimeRange): Promise<number>;
  /** Counts by a key expression (a column or JSON extraction the hunting compiler resolved from a field name). */
  countBy(key: SqlFilter, filter: SqlFilter, options?: TimeRange & { limit?: number }): Promise<CountBucket[]>;
  histogram(intervalMs: number, filter: SqlFilter, range?: TimeRange): Promise<HistogramBucket[]>;
  /** Streams stored events in time order, page by page (retro-hunts). */
  scan(range: TimeRange, pageSize: number): AsyncIterable<SecurityEvent[]>;
  getEvents(ids: readonly string[]): Promise<SecurityEvent[]>;

  appendAlerts(alerts: readonly AlertRecord[]): Promise<void>;
  listAlerts(options?: TimeRange & { limit?: number; incidentId?: string }): Promise<AlertRecord[]>;
  getAlert(id: string): Promise<AlertRecord | undefined>;

  createIncident(incident: IncidentRecord, alertIds: readonly string[], entry: TimelineEntry): Promise<void>;
  updateIncident(incident: IncidentRecord, entry: TimelineEntry): Promise<void>;
  attachAlerts(incidentId: string, alertIds: readonly string[], entries: readonly TimelineEntry[]): Promise<void>;
  getIncident(id: string): Promise<IncidentRecord | undefined>;
  /** The open (not resolved) incident for a rule and entity, if any. */
  findOpenIncident(ruleId: string, entity: string): Promise<IncidentRecord | undefined>;
  listIncidents(options?: { status?: IncidentStatus; limit?: number }): Promise<IncidentRecord[]>;
  timeline(incidentId: string): Promise<TimelineEntry[]>;

  applyRetention(policy: RetentionPolicy, nowMs?: number): Promise<RetentionResult>;
  close(): Promise<void>;
}
