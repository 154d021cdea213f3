/**
 * Structural checks of an OSV record before it enters the DB: what matching relies on must be there and have the
 * right type. A record that fails is skipped with the reason (the import reports the count and the first reasons).
 */
import type { OsvRecord } from './types.js';

const EVENT_KEYS = new Set(['introduced', 'fixed', 'last_affected', 'limit']);

/** Returns the reason the value is not a usable OSV record, or undefined when it is one. */
export function osvRecordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id === '') return 'missing string field "id"';
  if (typeof r.modified !== 'string') return 'missing string field "modified"';
  if (r.withdrawn !== undefined && typeof r.withdrawn !== 'string') return '"withdrawn" is not a string';
  for (const key of ['aliases', 'related', 'upstream'] as const) {
    const list = r[key];
    if (list !== undefined && list !== null && !isStringArray(list)) return `"${key}" is not a list of strings`;
  }
  if (r.severity !== undefined && r.severity !== null && !isSeverityList(r.severity)) return '"severity" is malformed';
  if (r.affected === undefined || r.affected === null) return undefined;
  if (!Array.isArray(r.affected)) return '"affected" is not a list';
  for (let i = 0; i < r.affected.length; i++) {
    const problem = affectedProblem(r.affected[i]);
    if (problem !== undefined) return `affected[${i}]: ${problem}`;
  }
  return undefined;
}

function affectedProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const a = value as Record<string, unknown>;
  if (a.package !== undefined) {
    const p = a.package as Record<string, unknown> | null;
    if (typeof p !== 'object' || p === null) return '"package" is not an object';
    if (typeof p.ecosystem !== 'string' || p.ecosystem === '') return 'package has no "ecosystem"';
    if (typeof p.name !== 'string' || p.name === '') return 'package has no "name"';
  }
  if (a.versions !== undefined && a.versions !== null && !isStringArray(a.versions))
    return '"versions" is not a list of strings';
  if (a.severity !== undefined && a.severity !== null && !isSeverityList(a.severity)) return '"severity" is malformed';
  if (a.ranges === undefined || a.ranges === null) return undefined;
  if (!Array.isArray(a.ranges)) return '"ranges" is not a list';
  for (let i = 0; i < a.ranges.length; i++) {
    const range = a.ranges[i] as Record<string, unknown> | null;
    if (typeof range !== 'object' || range === null) return `ranges[${i}] is not an object`;
    if (typeof range.type !== 'string') return `ranges[${i}] has no "type"`;
    if (!Array.isArray(range.events) || range.events.length === 0) return `ranges[${i}] has no "events"`;
    for (const event of range.events) {
      if (typeof event !== 'object' || event === null) return `ranges[${i}] has an event that is not an object`;
      const keys = Object.keys(event);
      if (keys.length !== 1 || !EVENT_KEYS.has(keys[0] as string)) {
        return `ranges[${i}] has an event with keys ${JSON.stringify(keys)} (want one of introduced, fixed, last_affected, limit)`;
      }
      if (typeof (event as Record<string, unknown>)[keys[0] as string] !== 'string') {
        return `ranges[${i}] has a ${keys[0]} event whose version is not a string`;
      }
    }
  }
  return undefined;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function isSeverityList(v: unknown): boolean {
  return (
    Array.isArray(v) &&
    v.every((s) => typeof s === 'object' && s !== null && typeof s.type === 'string' && typeof s.score === 'string')
  );
}

export function isOsvRecord(value: unknown): value is OsvRecord {
  return osvRecordProblem(value) === undefined;
}
