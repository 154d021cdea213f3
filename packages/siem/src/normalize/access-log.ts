/** nginx and Apache access logs in the combined (and common) format → ECS web events. */
import { isIP } from 'node:net';
import type { LineInput, Normalized } from './types.js';
import { compact, withSourceFields } from './merge.js';

// host ident user [time] "request" status bytes ["referrer" "user-agent"]
const COMBINED =
  /^(\S+) (\S+) (\S+) \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/;
const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

/** `10/Oct/2000:13:55:36 -0700` → epoch ms. */
export function parseClfTime(s: string): number | undefined {
  const m = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(s);
  if (m === null || MONTHS[m[2] as string] === undefined) return undefined;
  const utc = Date.UTC(
    Number(m[3]),
    MONTHS[m[2] as string] as number,
    Number(m[1]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
  const offset = (Number(m[8]) * 60 + Number(m[9])) * 60_000 * (m[7] === '-' ? -1 : 1);
  return utc - offset;
}

export function isAccessLogLine(text: string): boolean {
  return COMBINED.test(text);
}

const dash = (s: string | undefined) => (s === undefined || s === '-' || s === '' ? undefined : s);

export function normalizeAccessLog(input: LineInput): Normalized | undefined {
  const m = COMBINED.exec(input.text);
  if (m === null) return undefined;
  const request = (m[5] as string).replace(/\\"/g, '"');
  const [method, target, version] = request.split(' ');
  const q = target === undefined ? -1 : target.indexOf('?');
  const status = Number(m[6]);
  const bytes = m[7] === '-' ? undefined : Number(m[7]);
  const event = withSourceFields(
    {},
    {
      source: compact({ ip: isIP(m[1] as string) !== 0 ? m[1] : undefined, address: m[1] }),
      user: compact({ name: dash(m[3]) }),
      http: compact({
        request: compact({ method: version === undefined ? undefined : method, referrer: dash(m[8]) }),
        response: compact({ status_code: status, body: bytes === undefined ? undefined : { bytes } }),
        version: version?.startsWith('HTTP/') ? version.slice(5) : undefined,
      }),
      url: compact({
        original: target,
        path: target === undefined ? undefined : q === -1 ? target : target.slice(0, q),
        query: q === -1 ? undefined : target?.slice(q + 1),
      }),
      user_agent: compact({ original: dash(m[9]?.replace(/\\"/g, '"')) }),
      // Sigma's webserver rules use these names (cs-method, cs-uri-query, sc-status, ...).
      'cs-method': version === undefined ? undefined : method,
      'cs-uri-stem': target === undefined ? undefined : q === -1 ? target : target.slice(0, q),
      'cs-uri-query': q === -1 ? undefined : target?.slice(q + 1),
      'cs-user-agent': dash(m[9]),
      'cs-referer': dash(m[8]),
      'sc-status': status,
      'c-ip': m[1],
      log: compact({ file: compact({ path: input.from }) }),
    },
    {
      kind: 'event',
      module: 'web',
      dataset: 'web.access',
      category: ['web'],
      type: ['access'],
      outcome: status < 400 ? 'success' : 'failure',
      original: input.text,
    },
    parseClfTime(m[4] as string) ?? input.receivedMs,
  );
  return { event, logsource: { category: 'webserver' } };
}
