/**
 * The incident workflow: alerts grouped into incidents (automatically by rule and entity, or by hand), status moving
 * forward new → triaged → contained → resolved, an assignee, notes, and a timeline of everything that happened plus
 * the events behind its alerts. Every change is one transaction with its timeline entry.
 */
import { randomUUID } from 'node:crypto';
import { RampartError } from '@rampart/core';
import type { SecurityEvent } from '@rampart/core/event';
import {
  type AlertRecord,
  type EventStore,
  INCIDENT_STATUSES,
  type IncidentRecord,
  type IncidentStatus,
  type TimelineEntry,
} from '../store/types.js';

const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'];
const higher = (a: string, b: string) => (LEVELS.indexOf(b) > LEVELS.indexOf(a) ? b : a);

export interface IncidentDetail {
  incident: IncidentRecord;
  alerts: AlertRecord[];
  timeline: TimelineEntry[];
  /** The events the alerts were raised on (bounded). */
  events: SecurityEvent[];
}

export class IncidentService {
  constructor(
    private readonly store: EventStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Files each new alert under the open incident of its rule and entity, opening one when there is none. */
  async group(alerts: readonly AlertRecord[]): Promise<void> {
    for (const a of alerts) {
      const open = await this.store.findOpenIncident(a.ruleId, a.entity);
      const entry = (incidentId: string): TimelineEntry => ({
        incidentId,
        tsMs: this.now(),
        kind: 'alert',
        author: null,
        text: `alert ${a.id}: ${a.ruleTitle} (${a.level}) on ${a.entity}`,
      });
      if (open !== undefined) {
        if (higher(open.level, a.level) !== open.level) {
          await this.store.updateIncident({ ...open, level: a.level, updatedMs: this.now() }, entry(open.id));
          await this.store.attachAlerts(open.id, [a.id], []);
        } else {
          await this.store.attachAlerts(open.id, [a.id], [entry(open.id)]);
        }
        continue;
      }
      const incident = this.newIncident(`${a.ruleTitle} on ${a.entity}`, a.level, a.ruleId, a.entity, 1);
      await this.store.createIncident(incident, [a.id], {
        incidentId: incident.id,
        tsMs: incident.createdMs,
        kind: 'created',
        author: null,
        text: `opened by alert ${a.id}: ${a.ruleTitle} (${a.level}) on ${a.entity}`,
      });
    }
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
    const level = alerts.reduce((l, a) => higher(l, a.level), 'informational');
    const incident = this.newIncident(input.title, level, null, null, alerts.length);
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

  private newIncident(
    title: string,
    level: string,
    ruleId: string | null,
    entity: string | null,
    n: number,
  ): IncidentRecord {
    const t = this.now();
    return {
      id: randomUUID(),
      title,
      status: 'new',
      assignee: null,
      level,
      ruleId,
      entity,
      createdMs: t,
      updatedMs: t,
      alertCount: n,
    };
  }
}
