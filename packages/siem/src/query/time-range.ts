/** Time bounds as users write them: RFC 3339, epoch milliseconds, or relative to now (`now-15m`, `now-7d`). */
import { RampartError } from '@rampart/core';

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 365 * 86_400_000,
};

export function parseTimeBound(text: string, name: string, nowMs = Date.now()): number {
  const t = text.trim();
  if (t === 'now') return nowMs;
  const rel = /^now-(\d+)([smhdwy])$/.exec(t);
  if (rel !== null) return nowMs - Number(rel[1]) * (UNIT_MS[rel[2] as string] as number);
  if (/^\d{10,16}$/.test(t)) return Number(t);
  const ms = Date.parse(t);
  if (/^\d{4}-\d{2}-\d{2}/.test(t) && Number.isFinite(ms)) return ms;
  throw new RampartError(
    'SIEM_QUERY_INVALID',
    `${name} "${text}" is not a time: use RFC 3339, epoch ms or now-<n><s|m|h|d|w|y>`,
    {
      field: name,
    },
  );
}

/** `15m`, `1h`, `1d` → milliseconds (histogram intervals). */
export function parseInterval(text: string, name = 'interval'): number {
  const m = /^(\d+)(ms|[smhdw])$/.exec(text.trim());
  if (m === null || Number(m[1]) === 0) {
    throw new RampartError('SIEM_QUERY_INVALID', `${name} "${text}" is not an interval such as 30s, 5m, 1h or 1d`, {
      field: name,
    });
  }
  return m[2] === 'ms' ? Number(m[1]) : Number(m[1]) * (UNIT_MS[m[2] as string] as number);
}
