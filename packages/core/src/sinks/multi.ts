/** Fans one stream of events out to several sinks (e.g. stdout for the operator and HTTP to the SIEM). */
import type { SecurityEvent } from '../event/types.js';
import { type EventSink, emptyStats, type SinkStats } from './types.js';

export class MultiSink implements EventSink {
  constructor(readonly sinks: readonly EventSink[]) {}

  send(event: SecurityEvent): void {
    for (const s of this.sinks) s.send(event);
  }

  async flush(): Promise<void> {
    await Promise.all(this.sinks.map((s) => s.flush()));
  }

  async close(): Promise<void> {
    await Promise.all(this.sinks.map((s) => s.close()));
  }

  /** Sums the counters; `received` is the events sent to the fan-out, once each. */
  stats(): SinkStats {
    const total = emptyStats();
    for (const s of this.sinks) {
      const st = s.stats();
      total.received = Math.max(total.received, st.received);
      total.acked += st.acked;
      total.dropped += st.dropped;
      total.rejected += st.rejected;
      total.queued += st.queued;
      total.retries += st.retries;
    }
    return total;
  }
}
