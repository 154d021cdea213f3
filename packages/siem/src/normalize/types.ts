/** What a normalizer produces: the ECS event and the Sigma logsource it belongs to (which rules it can meet). */
import type { SecurityEvent } from '@rampart/core/event';

export interface EventLogsource {
  product?: string;
  category?: string;
  service?: string;
}

export interface Normalized {
  event: SecurityEvent;
  logsource: EventLogsource;
}

/** One JSON record as received, with the text it came from (kept as `event.original`). */
export interface JsonInput {
  value: unknown;
  original: string;
  /** Receive time, epoch milliseconds. */
  receivedMs: number;
}

/** One text line as received (syslog message, access-log line) and where it came from. */
export interface LineInput {
  text: string;
  receivedMs: number;
  /** The peer or file it came from, for `log.source.address` / `log.file.path`. */
  from?: string;
}
