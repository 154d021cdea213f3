/**
 * Syslog messages: RFC 5424 (`<PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG`) and the BSD format of RFC 3164
 * (`<PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG`). Anything else is kept as a message with the receive time, never dropped.
 */
import type { LineInput, Normalized } from './types.js';
import { compact, withSourceFields } from './merge.js';

const RFC5424 = /^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[(?:[^\]\\]|\\.)*\])+)(?: ([\s\S]*))?$/;
const RFC3164 =
  /^<(\d{1,3})>([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}:\d{2}:\d{2}) (\S+) ([^:[\s]+)(?:\[(\d+)\])?: ?([\s\S]*)$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SEVERITY_NAMES = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debug'];

export interface SyslogFields {
  facility: number;
  severity: number;
  timestampMs?: number;
  hostname?: string;
  appname?: string;
  procid?: string;
  msgid?: string;
  structuredData?: Record<string, Record<string, string>>;
  message: string;
  format: 'rfc5424' | 'rfc3164' | 'unknown';
}

const nil = (s: string | undefined) => (s === undefined || s === '-' ? undefined : s);

export function parseSyslog(text: string, nowMs: number): SyslogFields {
  const line = text.replace(/\r?\n$/, '');
  let m = RFC5424.exec(line);
  if (m !== null && Number(m[1]) <= 191) {
    const pri = Number(m[1]);
    const t = m[2] === '-' ? Number.NaN : Date.parse(m[2] as string);
    return {
      facility: pri >> 3,
      severity: pri & 7,
      timestampMs: Number.isFinite(t) ? t : undefined,
      hostname: nil(m[3]),
      appname: nil(m[4]),
      procid: nil(m[5]),
      msgid: nil(m[6]),
      structuredData: m[7] === '-' ? undefined : parseStructuredData(m[7] as string),
      message: (m[8] ?? '').replace(/^\uFEFF/, ''),
      format: 'rfc5424',
    };
  }
  m = RFC3164.exec(line);
  if (m !== null && Number(m[1]) <= 191 && MONTHS.includes(m[2] as string)) {
    const pri = Number(m[1]);
    return {
      facility: pri >> 3,
      severity: pri & 7,
      timestampMs: bsdTime(m[2] as string, Number(m[3]), m[4] as string, nowMs),
      hostname: m[5],
      appname: m[6],
      procid: m[7],
      message: m[8] ?? '',
      format: 'rfc3164',
    };
  }
  return { facility: 1, severity: 5, message: line, format: 'unknown' };
}

/** `[id k="v" k2="v\"2"][id2 ...]` → `{id: {k: v}}`. */
export function parseStructuredData(sd: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const el of sd.matchAll(/\[([^\s\]]+)((?:\s+[^\s=\]]+="(?:[^"\\]|\\.)*")*)\s*\]/g)) {
    const params: Record<string, string> = {};
    for (const p of (el[2] ?? '').matchAll(/([^\s=\]]+)="((?:[^"\\]|\\.)*)"/g)) {
      params[p[1] as string] = (p[2] as string).replace(/\\(["\\\]])/g, '$1');
    }
    out[el[1] as string] = params;
  }
  return out;
}

/** RFC 3164 has no year or zone: the latest year that is not more than a week ahead of now (UTC assumed). */
function bsdTime(mon: string, day: number, hms: string, nowMs: number): number {
  const year = new Date(nowMs).getUTCFullYear();
  const [h, mi, s] = hms.split(':').map(Number) as [number, number, number];
  const candidates = [year - 1, year, year + 1].map((y) => Date.UTC(y, MONTHS.indexOf(mon), day, h, mi, s));
  const latest = candidates.filter((t) => t <= nowMs + 7 * 86_400_000).pop();
  return latest ?? (candidates[0] as number);
}

export function normalizeSyslog(input: LineInput): Normalized {
  const f = parseSyslog(input.text, input.receivedMs);
  const event = withSourceFields(
    {},
    {
      message: f.message,
      host: compact({ hostname: f.hostname, name: f.hostname }),
      process: compact({
        name: f.appname,
        pid: f.procid !== undefined && /^\d+$/.test(f.procid) ? Number(f.procid) : undefined,
      }),
      log: compact({
        syslog: compact({
          facility: { code: f.facility },
          severity: { code: f.severity, name: SEVERITY_NAMES[f.severity] },
          appname: f.appname,
          procid: f.procid,
          msgid: f.msgid,
          structured_data: f.structuredData,
          version: f.format === 'rfc5424' ? 1 : undefined,
        }),
        source: compact({ address: input.from }),
      }),
    },
    { kind: 'event', module: 'syslog', dataset: `syslog.${f.format}`, original: input.text },
    f.timestampMs ?? input.receivedMs,
  );
  return { event, logsource: { product: 'linux', service: 'syslog' } };
}
