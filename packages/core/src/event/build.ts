/** Small builders for SecurityEvent. Zero dependencies (the RASP agent imports this subpath). */
import { randomUUID } from 'node:crypto';
import type {
  EcsEvent,
  EventCategory,
  EventKind,
  EventModule,
  EventOutcome,
  EventType,
  SecurityEvent,
} from './types.js';

/** RFC 3339 UTC with milliseconds, the one time format of every event. */
export function rfc3339(date: Date | number = Date.now()): string {
  return (typeof date === 'number' ? new Date(date) : date).toISOString();
}

export interface EventInit {
  module: EventModule;
  action: string;
  kind?: EventKind;
  category?: EventCategory | EventCategory[];
  type?: EventType | EventType[];
  outcome?: EventOutcome;
  severity?: number;
  reason?: string;
  dataset?: string;
  message?: string;
  timestamp?: Date | number | string;
  id?: string;
}

/**
 * Creates an event with `@timestamp`, `event.id` and `event.kind` filled in. Further ECS fields are set by spreading an
 * object over the result, or with `setField`.
 */
export function createEvent(
  init: EventInit,
  fields: Partial<Omit<SecurityEvent, 'event' | '@timestamp'>> = {},
): SecurityEvent {
  const event: EcsEvent = {
    id: init.id ?? randomUUID(),
    kind: init.kind ?? 'event',
    module: init.module,
    action: init.action,
  };
  if (init.category !== undefined) event.category = Array.isArray(init.category) ? init.category : [init.category];
  if (init.type !== undefined) event.type = Array.isArray(init.type) ? init.type : [init.type];
  if (init.outcome !== undefined) event.outcome = init.outcome;
  if (init.severity !== undefined) event.severity = init.severity;
  if (init.reason !== undefined) event.reason = init.reason;
  if (init.dataset !== undefined) event.dataset = init.dataset;
  const ts =
    init.timestamp === undefined
      ? rfc3339()
      : typeof init.timestamp === 'string'
        ? init.timestamp
        : rfc3339(init.timestamp);
  const out: SecurityEvent = { ...fields, '@timestamp': ts, event };
  if (init.message !== undefined) out.message = init.message;
  return out;
}

/** A denial at the edge or in-process (gateway, WAF, RASP): category + `denied` + outcome failure. */
export function createDenialEvent(
  init: Omit<EventInit, 'type' | 'outcome'> & { category: EventCategory | EventCategory[] },
  fields: Partial<Omit<SecurityEvent, 'event' | '@timestamp'>> = {},
): SecurityEvent {
  return createEvent({ ...init, type: 'denied', outcome: 'failure' }, fields);
}

/**
 * Reads a field by its dotted ECS name. Handles nested objects (`{"source":{"ip":..}}`) and flat dotted keys
 * (`{"source.ip": ..}`) and any mix, trying the longest literal key first, since ingested logs use both forms.
 */
export function getField(obj: unknown, path: string): unknown {
  if (obj === null || typeof obj !== 'object') return undefined;
  const rec = obj as Record<string, unknown>;
  if (path in rec) return rec[path];
  let dot = path.indexOf('.');
  while (dot !== -1) {
    const head = path.slice(0, dot);
    const next = rec[head];
    if (next !== undefined && next !== null && typeof next === 'object') {
      const v = getField(next, path.slice(dot + 1));
      if (v !== undefined) return v;
    }
    dot = path.indexOf('.', dot + 1);
  }
  return undefined;
}

/** Sets a field by its dotted ECS name, creating nested objects as needed. */
export function setField(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Record<string, unknown> = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] as string;
    const next = cur[key];
    if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) {
      const created: Record<string, unknown> = {};
      cur[key] = created;
      cur = created;
    } else {
      cur = next as Record<string, unknown>;
    }
  }
  cur[parts[parts.length - 1] as string] = value;
}

/** Truncates and masks a matched payload for an event: events must help an analyst, never leak a full secret. */
export function maskPayload(value: string, maxLength = 128): string {
  const v = value.length > maxLength ? `${value.slice(0, maxLength)}…` : value;
  // Mask long runs of token-like characters (keys, tokens, card numbers), keep structure visible.
  return v.replace(/[A-Za-z0-9+/_-]{16,}/g, (m) => `${m.slice(0, 4)}${'*'.repeat(Math.min(m.length - 4, 12))}`);
}
