/**
 * The event sink the gateway writes denials to: structurally core's `EventSink` (`@rampart/core/sinks`), so any of
 * core's sinks (stdout, file, HTTP to the SIEM, NATS) plugs in. `send` never throws and never blocks.
 */
import type { SecurityEvent } from '@rampart/core/event';

export interface EventSinkLike {
  send(e: SecurityEvent): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Keeps events in memory: for tests and for embedding the gateway in another process. */
export class MemorySink implements EventSinkLike {
  readonly events: SecurityEvent[] = [];
  send(e: SecurityEvent): void {
    this.events.push(e);
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

export const NULL_SINK: EventSinkLike = { send() {}, async flush() {}, async close() {} };
