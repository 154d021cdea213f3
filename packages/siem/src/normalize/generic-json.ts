/**
 * JSON of unknown shape: its fields are kept as they are (a Sigma rule or a hunt addresses them by their own names), a
 * time is taken from the usual keys, and a clashing `event` or `@timestamp` moves under `json.`.
 */
import type { Normalized } from './types.js';
import { compact, str, timeOr, withSourceFields } from './merge.js';

const TIME_KEYS = ['@timestamp', 'timestamp', 'time', 'ts', 'date', 'eventTime', 'EventTime', 'TimeCreated', 'UtcTime'];

export function normalizeGenericJson(v: Record<string, unknown>, original: string, receivedMs: number): Normalized {
  let ts = receivedMs;
  for (const k of TIME_KEYS) {
    if (v[k] !== undefined) {
      ts = timeOr(v[k], receivedMs);
      break;
    }
  }
  const event = withSourceFields(
    v,
    { message: str(v.message) ?? str(v.msg), host: compact({ name: str(v.host) ?? str(v.hostname) }) },
    { kind: 'event', module: 'json', dataset: 'json', original },
    ts,
  );
  return { event, logsource: {} };
}
