/** The embedded store: one DuckDB file holding events, alerts and incidents (the default of `rampart siem`). */
import type { SecurityEvent } from '@rampart/core/event';
import type {
  AlertRecord,
  EventStore,
  IncidentRecord,
  IncidentStatus,
  RetentionPolicy,
  SearchOptions,
  SqlFilter,
  TimeRange,
  TimelineEntry,
} from '../types.js';
import * as alerts from './alert-table.js';
import { Database } from './database.js';
import * as events from './event-table.js';
import * as incidents from './incident-table.js';
import { applyRetention } from './retention.js';

export class DuckDbEventStore implements EventStore {
  private constructor(private readonly db: Database) {}

  /** Opens (or creates) the store file; `:memory:` gives a store that lives as long as the process. */
  static async open(path: string): Promise<DuckDbEventStore> {
    return new DuckDbEventStore(await Database.open(path));
  }

  appendEvents = (e: readonly SecurityEvent[]) => events.appendEvents(this.db, e);
  search = (f: SqlFilter, o?: SearchOptions) => events.search(this.db, f, o);
  count = (f: SqlFilter, r?: TimeRange) => events.count(this.db, f, r);
  histogram = (i: number, f: SqlFilter, r?: TimeRange) => events.histogram(this.db, i, f, r);
  scan = (r: TimeRange, pageSize: number) => events.scan(this.db, r, pageSize);
  getEvents = (ids: readonly string[]) => events.getEvents(this.db, ids);

  countBy = (key: SqlFilter, f: SqlFilter, o?: TimeRange & { limit?: number }) => events.countBy(this.db, key, f, o);

  appendAlerts = (a: readonly AlertRecord[]) => alerts.appendAlerts(this.db, a);
  listAlerts = (o?: TimeRange & { limit?: number; incidentId?: string }) => alerts.listAlerts(this.db, o);
  getAlert = (id: string) => alerts.getAlert(this.db, id);

  createIncident = (i: IncidentRecord, ids: readonly string[], e: TimelineEntry) =>
    incidents.createIncident(this.db, i, ids, e);
  updateIncident = (i: IncidentRecord, e: TimelineEntry) => incidents.updateIncident(this.db, i, e);
  attachAlerts = (id: string, ids: readonly string[], e: readonly TimelineEntry[]) =>
    incidents.attachAlerts(this.db, id, ids, e);
  getIncident = (id: string) => incidents.getIncident(this.db, id);
  findOpenIncident = (ruleId: string, entity: string) => incidents.findOpenIncident(this.db, ruleId, entity);
  listIncidents = (o?: { status?: IncidentStatus; limit?: number }) => incidents.listIncidents(this.db, o);
  timeline = (id: string) => incidents.timeline(this.db, id);

  applyRetention = (p: RetentionPolicy, now?: number) => applyRetention(this.db, p, now);
  close = () => this.db.close();
}
