/**
 * An alert event (as the detection stage makes it, `event.kind: alert`) → the row the alerts table and the incident
 * workflow need: rule, level, the entity it is about, and the ids of the events behind it.
 */
import { getField, type SecurityEvent } from '@rampart/core/event';
import type { AlertRecord } from '../store/types.js';

/** The fields that name "who or what" an alert is about, most specific first. */
export const ENTITY_FIELDS = ['source.ip', 'user.name', 'host.name', 'service.name', 'orchestrator.namespace'] as const;

/** `source.ip=1.2.3.4` from the first entity field the event has; `-` when it has none. */
export function entityOf(event: unknown, group?: Record<string, unknown>): string {
  if (group !== undefined) {
    const keys = Object.keys(group).sort();
    if (keys.length > 0) return keys.map((k) => `${k}=${String(group[k])}`).join(',');
  }
  for (const f of ENTITY_FIELDS) {
    const v = getField(event, f);
    if (typeof v === 'string' || typeof v === 'number') return `${f}=${v}`;
  }
  return '-';
}

const LEVEL_BY_SEVERITY: [number, string][] = [
  [99, 'critical'],
  [73, 'high'],
  [47, 'medium'],
  [21, 'low'],
];

export function levelOf(alert: SecurityEvent): string {
  const explicit = getField(alert, 'rampart.siem.rule_level');
  if (typeof explicit === 'string' && explicit !== 'unknown') return explicit;
  const sev = alert.event.severity ?? 0;
  for (const [min, level] of LEVEL_BY_SEVERITY) if (sev >= min) return level;
  return 'informational';
}

export function toAlertRecord(alert: SecurityEvent, trigger?: SecurityEvent): AlertRecord {
  const ids = getField(alert, 'rampart.siem.matched_event_ids');
  const group = getField(alert, 'rampart.siem.correlation.group') as Record<string, unknown> | undefined;
  const entity = (getField(alert, 'rampart.siem.entity') as string | undefined) ?? entityOf(trigger ?? alert, group);
  // The entity travels with the alert event, so the store, stdout and webhooks all show it.
  alert.rampart ??= {};
  const rampart = alert.rampart;
  rampart.siem = { ...(rampart.siem as Record<string, unknown> | undefined), entity };
  return {
    id: alert.event.id,
    tsMs: Date.parse(alert['@timestamp']) || Date.now(),
    ruleId: String(getField(alert, 'rule.id') ?? 'unknown'),
    ruleTitle: String(getField(alert, 'rule.name') ?? alert.message ?? 'alert'),
    level: levelOf(alert),
    entity,
    eventIds: Array.isArray(ids) ? ids.map(String) : [],
    incidentId: null,
    event: alert,
  };
}
