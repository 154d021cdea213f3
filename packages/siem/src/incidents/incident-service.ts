/**
 * The incident workflow: alerts grouped into incidents (automatically by rule and entity, or by hand), status moving
 * forward new → triaged → contained → resolved, an assignee, notes, and a timeline of everything that happened plus
 * the events behind its alerts. Every change is one transaction with its timeline entry.
 */
import { RampartError } from '@rampart/core';
import type { SecurityEvent } from '@rampart/core/event';
import { groupAlerts, higherLevel, newIncident } from './group-alerts.js';
import {
  type AlertRecord,
  type EventStore,
  INCIDENT_STATUSES,
  type IncidentRecord,
  type IncidentStatus,
  type TimelineEntry,
} from '../store/types.js';

export interface IncidentDetail {
  incident: IncidentRecord;
  alerts: AlertRecord[];
  timeline: TimelineEntry[];
  /** The events the alerts were raised on (bounded). */
  events: SecurityEvent[];
}

export class IncidentService {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Files each new alert under the open incident of its rule and entity, opening one when there is none. Calls run one
   * after another, so two batches never both open an incident for the same rule and entity.
   */
  group(alerts: readonly AlertRecord[]): Promise<void> {
    const run = this.chain.then(() => groupAlerts(this.store, alerts, this.now));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every grouping handed over so far is done (before the store closes). */
  idle(): Promise<void> {
    return this.chain;
  }

  /** An incident made by hand from chosen alerts. */
  async create(input: { title: string; alertIds: readonly string[]; author?: string }): Promise<IncidentRecord> {
    const alerts: AlertRecord[] = [];
    for (const id of input.alertIds) {
      const a = await this.store.getAlert(id);
      if (a === undefined)
        throw new RampartError('SIEM_NOT_FOUND', `alert ${id} does not exist`, { field: 'alertIds' });
      alerts.push(a);
    }
    const level = alerts.reduce((l, a) => higherLevel(l, a.level), 'informational');
    const incident = newIncident(input.title, level, null, null, alerts.length, this.now());
    await this.store.createIncident(incident, input.alertIds, {
      incidentId: incident.id,
      tsMs: incident.createdMs,
      kind: 'created',
      author: input.author ?? null,
      text: `opened by hand with ${alerts.length} alert(s)`,
    });
    return incident;
  }

  async setStatus(id: string, status: IncidentStatus, author?: string, note?: string): Promise<IncidentRecord> {
    if (!INCIDENT_STATUSES.includes(status)) {
      throw new RampartError('USAGE', `status must be one of ${INCIDENT_STATUSES.join(', ')}, not "${status}"`, {
        field: 'status',
      });
    }
    const current = await this.require(id);
    if (INCIDENT_STATUSES.indexOf(status) <= INCIDENT_STATUSES.indexOf(current.status)) {
      throw new RampartError(
        'SIEM_INCIDENT_TRANSITION',
        `incident ${id} is ${current.status}; it can only move forward (new → triaged → contained → resolved)`,
        { field: 'status' },
      );
    }
    const next = { ...current, status, updatedMs: this.now() };
    const text = `status ${current.status} → ${status}${note === undefined || note === '' ? '' : `: ${note}`}`;
    await this.store.updateIncident(next, {
      incidentId: id,
      tsMs: next.updatedMs,
      kind: 'status',
      author: author ?? null,
      text,
    });
    return next;
  }

  async assign(id: string, assignee: string, author?: string): Promise<IncidentRecord> {
    const current = await this.require(id);
    const next = { ...current, assignee: assignee === '' ? null : assignee, updatedMs: this.now() };
    const text = next.assignee === null ? 'unassigned' : `assigned to ${next.assignee}`;
    await this.store.updateIncident(next, {
      incidentId: id,
      tsMs: next.updatedMs,
      kind: 'assign',
      author: author ?? null,
      text,
    });
    return next;
  }

  async addNote(id: string, text: string, author?: string): Promise<IncidentRecord> {
    if (text.trim() === '') throw new RampartError('USAGE', 'a note needs text', { field: 'text' });
    const current = await this.require(id);
    const next = { ...current, updatedMs: this.now() };
    await this.store.updateIncident(next, {
      incidentId: id,
      tsMs: next.updatedMs,
      kind: 'note',
      author: author ?? null,
      text,
    });
    return next;
  }

  async detail(id: string, maxEvents = 200): Promise<IncidentDetail> {
    const incident = await this.require(id);
    const alerts = await this.store.listAlerts({ incidentId: id, limit: 1000 });
    const ids = [...new Set(alerts.flatMap((a) => a.eventIds))].slice(0, maxEvents);
    return { incident, alerts, timeline: await this.store.timeline(id), events: await this.store.getEvents(ids) };
  }

  private async require(id: string): Promise<IncidentRecord> {
    const i = await this.store.getIncident(id);
    if (i === undefined) throw new RampartError('SIEM_NOT_FOUND', `incident ${id} does not exist`, { field: 'id' });
    return i;
  }
}
