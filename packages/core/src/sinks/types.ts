/**
 * EventSink: where runtime parts send SecurityEvents. `send` is called on hot paths (a proxied request, a hooked SQL call),
 * so it only enqueues: it never throws, never awaits, never does I/O itself. Delivery, batching and retries happen behind it.
 */
import type { SecurityEvent } from '../event/types.js';

export interface SinkStats {
  /** Events handed to `send`. */
  received: number;
  /** Events the destination acknowledged (written to the file/stdout, 2xx from HTTP, a JetStream PubAck). */
  acked: number;
  /** Events dropped because the bounded buffer overflowed (the oldest go first) or a shutdown deadline passed. */
  dropped: number;
  /** Events the destination rejected for good (e.g. HTTP 400): retrying would not help. */
  rejected: number;
  /** Events waiting or in flight. */
  queued: number;
  /** Delivery attempts that failed and were retried. */
  retries: number;
}

export interface EventSink {
  send(event: SecurityEvent): void;
  /** Resolves when everything sent so far is acknowledged, dropped or rejected. */
  flush(): Promise<void>;
  /** Flushes (bounded by the sink's shutdown deadline), then releases timers and connections. */
  close(): Promise<void>;
  stats(): SinkStats;
}

/** Called with internal delivery problems (a sink never throws them at its caller). */
export type SinkErrorHandler = (error: Error) => void;

export function emptyStats(): SinkStats {
  return { received: 0, acked: 0, dropped: 0, rejected: 0, queued: 0, retries: 0 };
}

/** Full-jitter exponential backoff (AWS architecture blog): random in [0, min(cap, base·2^attempt)]. */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
