/**
 * Alerts as SecurityEvents (`event.kind: alert`): rule id, title, level → severity, ATT&CK technique ids from the rule's
 * tags, the author (the Detection Rule License requires alerts to keep it), and the ids of the matched events.
 */
import { createEvent, type SecurityEvent } from '@rampart/core/event';
import { type Severity, toEcsSeverity } from '@rampart/core/severity';
import type { RuleMatch } from '../sigma/types.js';
import type { Alert } from './types.js';

/** Sigma levels → Rampart severities (`informational` has no band: UNKNOWN, ECS severity 0). */
export function severityOfLevel(level: string | undefined): Severity {
  switch (level?.toLowerCase()) {
    case 'critical':
      return 'CRITICAL';
    case 'high':
      return 'HIGH';
    case 'medium':
      return 'MEDIUM';
    case 'low':
      return 'LOW';
    default:
      return 'UNKNOWN';
  }
}

/** `attack.t1059.001` → `T1059.001`; other tags are not techniques. */
export function attackTechniques(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const m = /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(t);
    if (m !== null) out.push((m[1] as string).toUpperCase());
  }
  return out;
}

/** An alert for one rule match (no correlation). */
export function ruleAlert(match: RuleMatch, eventId: string | undefined, timestampMs: number): Alert {
  return {
    rule: match.rule,
    kind: 'rule',
    firstMs: timestampMs,
    lastMs: timestampMs,
    group: {},
    eventIds: eventId === undefined ? [] : [eventId],
  };
}

export function toAlertEvent(alert: Alert): SecurityEvent {
  const r = alert.rule;
  const severity = severityOfLevel(r.level);
  const techniques = attackTechniques(r.tags);
  const siem: Record<string, unknown> = { matched_event_ids: alert.eventIds, rule_level: r.level ?? 'unknown' };
  if (r.author !== undefined) siem.rule_author = r.author;
  if (alert.kind === 'correlation' && 'type' in r) {
    siem.correlation = {
      type: r.type,
      group: alert.group,
      value: alert.value,
      first: new Date(alert.firstMs).toISOString(),
    };
  }
  return createEvent(
    {
      module: 'siem',
      kind: 'alert',
      action: alert.kind === 'correlation' ? 'sigma-correlation' : 'sigma-match',
      category: 'intrusion_detection',
      type: 'indicator',
      severity: toEcsSeverity(severity),
      dataset: 'siem.alerts',
      timestamp: alert.lastMs,
      message: r.title,
    },
    {
      rule: {
        id: r.id,
        name: r.title,
        ruleset: 'sigma',
        ...(r.description !== undefined ? { description: r.description } : {}),
      },
      tags: [...r.tags],
      ...(techniques.length > 0 ? { threat: { framework: 'MITRE ATT&CK', technique: { id: techniques } } } : {}),
      rampart: { siem },
    },
  );
}
