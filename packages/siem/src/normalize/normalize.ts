/**
 * The normalizer: picks the mapping for a record by its shape (JSON) or its format (text lines), and always yields an
 * event: a record no mapping recognises is kept as generic JSON or as a plain message, never dropped.
 */
import { isCloudTrail, normalizeCloudTrail } from './cloudtrail.js';
import { isFalco, normalizeFalco } from './falco.js';
import { normalizeGenericJson } from './generic-json.js';
import { isK8sAudit, normalizeK8sAudit } from './k8s-audit.js';
import { asRecord } from './merge.js';
import { isRampartEvent, normalizeRampartEvent } from './rampart-event.js';
import { normalizeAccessLog } from './access-log.js';
import { normalizeSyslog } from './syslog.js';
import type { JsonInput, LineInput, Normalized } from './types.js';

export function normalizeJson(input: JsonInput): Normalized {
  const v = asRecord(input.value);
  if (v === undefined) {
    return normalizeGenericJson({ value: input.value }, input.original, input.receivedMs);
  }
  if (isRampartEvent(v)) return normalizeRampartEvent(v, input.original);
  if (isK8sAudit(v)) return normalizeK8sAudit(v, input.original, input.receivedMs);
  if (isCloudTrail(v)) return normalizeCloudTrail(v, input.original, input.receivedMs);
  if (isFalco(v)) return normalizeFalco(v, input.original, input.receivedMs);
  return normalizeGenericJson(v, input.original, input.receivedMs);
}

/**
 * Records inside a delivery document are split out: a CloudTrail file (`{"Records": [...]}`), a Kubernetes
 * `EventList`, or a JSON array. Each record's own JSON becomes its original.
 */
export function splitJsonDocument(value: unknown, original: string): { value: unknown; original: string }[] {
  if (Array.isArray(value)) return value.map((v) => ({ value: v, original: JSON.stringify(v) }));
  const r = asRecord(value);
  if (r !== undefined && Array.isArray(r.Records) && Object.keys(r).length <= 2) {
    return r.Records.map((v) => ({ value: v, original: JSON.stringify(v) }));
  }
  if (r !== undefined && r.kind === 'EventList' && Array.isArray(r.items)) {
    return r.items.map((v) => ({ value: v, original: JSON.stringify(v) }));
  }
  return [{ value, original }];
}

/** A text line: JSON when it looks like JSON, an access-log line when it parses as one, else syslog. */
export function normalizeLine(input: LineInput, hint?: 'syslog' | 'access' | 'ndjson'): Normalized[] {
  const text = input.text;
  if (hint !== 'syslog' && hint !== 'access' && /^\s*[[{]/.test(text)) {
    try {
      const value = JSON.parse(text) as unknown;
      return splitJsonDocument(value, text).map((r) => normalizeJson({ ...r, receivedMs: input.receivedMs }));
    } catch {
      // Not JSON after all: fall through to the text formats.
    }
  }
  if (hint !== 'syslog') {
    const access = normalizeAccessLog(input);
    if (access !== undefined) return [access];
  }
  return [normalizeSyslog(input)];
}
