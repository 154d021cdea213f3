/**
 * Building a normalized event: the source's own fields stay where they are (so Sigma rules written against the raw
 * format, like `verb` or `eventName`, match as published), and the ECS fields are laid over them. Where both name the
 * same object (`user` in a Kubernetes audit record), they are merged, ECS values winning.
 */
import { randomUUID } from 'node:crypto';
import { rfc3339, type EcsEvent, type SecurityEvent } from '@rampart/core/event';

/** The top-level keys a source may not own: they belong to the ECS envelope. Clashing values move under `json.`. */
const RESERVED = new Set(['@timestamp', 'event']);

export function withSourceFields(
  source: Record<string, unknown>,
  ecs: Omit<SecurityEvent, 'event' | '@timestamp'>,
  event: Omit<EcsEvent, 'id'> & { id?: string },
  timestampMs: number,
): SecurityEvent {
  // The source object is the caller's own freshly parsed record: it is extended in place, not copied (the hot path).
  const out = source;
  if ('@timestamp' in out || 'event' in out) {
    const displaced: Record<string, unknown> = { ...(asRecord(out.json) ?? {}) };
    for (const k of RESERVED) {
      if (k in out) {
        displaced[k] = out[k];
        delete out[k];
      }
    }
    out.json = displaced;
  }
  for (const k in ecs) {
    const v = (ecs as Record<string, unknown>)[k];
    if (v === undefined) continue;
    const existing = asRecord(out[k]);
    const add = asRecord(v);
    out[k] = existing !== undefined && add !== undefined ? deepMerge(existing, add) : v;
  }
  out['@timestamp'] = rfc3339(timestampMs);
  out.event = { id: randomUUID(), ...event };
  return out as SecurityEvent;
}

export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined) continue;
    const x = asRecord(out[k]);
    const y = asRecord(v);
    out[k] = x !== undefined && y !== undefined ? deepMerge(x, y) : v;
  }
  return out;
}

/** Parses a time; falls back to the receive time when the source has none or it cannot be read. */
export function timeOr(value: unknown, fallbackMs: number): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value > 1e14 ? Math.floor(value / 1e6) : value;
  if (typeof value !== 'string') return fallbackMs;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : fallbackMs;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** Drops undefined values (ECS objects with nothing in them are left out entirely). */
export function compact<T extends Record<string, unknown>>(o: T): T | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length === 0 ? undefined : (out as T);
}
