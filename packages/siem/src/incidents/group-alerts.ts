/** Automatic grouping: an alert joins the open incident of its rule and entity, or opens one. */
import { randomUUID } from 'node:crypto';
import type { AlertRecord, EventStore, IncidentRecord, TimelineEntry } from '../store/types.js';

const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'];

export function higherLevel(a: string, b: string): string {
  return LEVELS.indexOf(b) > LEVELS.indexOf(a) ? b : a;
}

export function newIncident(
  title: string,
  level: string,
  ruleId: string | null,
  entity: string | null,
  alertCount: number,
  t: number,
): IncidentRecord {
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
    alertCount,
  };
}

export async function groupAlerts(store: EventStore, alerts: readonly AlertRecord[], now: () => number): Promise<void> {
  for (const a of alerts) {
    const open = await store.findOpenIncident(a.ruleId, a.entity);
    const entry = (incidentId: string): TimelineEntry => ({
      incidentId,
      tsMs: now(),
      kind: 'alert',
      author: null,
      text: `alert ${a.id}: ${a.ruleTitle} (${a.level}) on ${a.entity}`,
    });
    if (open !== undefined) {
      if (higherLevel(open.level, a.level) !== open.level) {
        await store.updateIncident({ ...open, level: a.level, updatedMs: now() }, entry(open.id));
        await store.attachAlerts(open.id, [a.id], []);
      } else {
        await store.attachAlerts(open.id, [a.id], [entry(open.id)]);
      }
      continue;
    }
    const incident = newIncident(`${a.ruleTitle} on ${a.entity}`, a.level, a.ruleId, a.entity, 1, now());
    await store.createIncident(incident, [a.id], {
      incidentId: incident.id,
      tsMs: incident.createdMs,
      kind: 'created',
      author: null,
      text: `opened by alert ${a.id}: ${a.ruleTitle} (${a.level}) on ${a.entity}`,
    });
  }
}
