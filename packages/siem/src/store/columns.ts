/**
 * The event fields promoted to their own columns: the ones hunting filters and groups by most. Everything else is read
 * from the JSON document. One table drives the DDL, the insert path and the query compiler, so they cannot drift.
 */
import { getField, type SecurityEvent } from '@rampart/core/event';

export interface PromotedColumn {
  /** The dotted ECS field. */
  field: string;
  column: string;
  type: 'text' | 'int';
}

export const PROMOTED_COLUMNS: readonly PromotedColumn[] = [
  { field: 'event.id', column: 'id', type: 'text' },
  { field: 'event.kind', column: 'kind', type: 'text' },
  { field: 'event.module', column: 'module', type: 'text' },
  { field: 'event.dataset', column: 'dataset', type: 'text' },
  { field: 'event.action', column: 'action', type: 'text' },
  { field: 'event.outcome', column: 'outcome', type: 'text' },
  { field: 'event.severity', column: 'severity', type: 'int' },
  { field: 'source.ip', column: 'source_ip', type: 'text' },
  { field: 'destination.ip', column: 'destination_ip', type: 'text' },
  { field: 'user.name', column: 'user_name', type: 'text' },
  { field: 'host.name', column: 'host_name', type: 'text' },
  { field: 'service.name', column: 'service_name', type: 'text' },
  { field: 'url.path', column: 'url_path', type: 'text' },
  { field: 'http.request.method', column: 'http_method', type: 'text' },
  { field: 'http.response.status_code', column: 'status_code', type: 'int' },
  { field: 'rule.id', column: 'rule_id', type: 'text' },
  { field: 'message', column: 'message', type: 'text' },
  // The raw original is kept beside the document, not inside it: escaping a whole log line into JSON again would double
  // the cost of every write.
  { field: 'event.original', column: 'original', type: 'text' },
];

export const COLUMN_BY_FIELD: ReadonlyMap<string, PromotedColumn> = new Map(PROMOTED_COLUMNS.map((c) => [c.field, c]));

/** The value of a promoted column for one event: strings for text, integers for int, null when absent or not fitting. */
export function columnValue(event: SecurityEvent, col: PromotedColumn): string | number | null {
  const v = getField(event, col.field);
  if (v === undefined || v === null) return null;
  if (col.type === 'int') {
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isInteger(n) && Math.abs(n) < 2 ** 31 ? n : null;
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** `@timestamp` as epoch milliseconds; events whose time cannot be read are stored at their ingest time. */
export function eventTimeMs(event: SecurityEvent, fallbackMs: number): number {
  const t = Date.parse(event['@timestamp']);
  return Number.isFinite(t) ? t : fallbackMs;
}
