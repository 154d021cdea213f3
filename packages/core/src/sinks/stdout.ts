/** NDJSON on stdout (or any writable stream): the default sink of a single process, for `| jq` and log shippers. */
import type { Writable } from 'node:stream';
import type { SecurityEvent } from '../event/types.js';
import { type EventSink, emptyStats, type SinkStats } from './types.js';

export class StdoutSink implements EventSink {
  private readonly counters: SinkStats = emptyStats();
  private readonly out: Writable;

  constructor(options: { stream?: Writable } = {}) {
    this.out = options.stream ?? process.stdout;
  }

  send(event: SecurityEvent): void {
    this.counters.received++;
    try {
      // Stream writes are buffered by Node: this does not wait for the terminal or the pipe.
      this.out.write(`${JSON.stringify(event)}\n`);
      this.counters.acked++;
    } catch {
      this.counters.rejected++;
    }
  }

  flush(): Promise<void> {
    if (this.out.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => this.out.once('drain', () => resolve()));
  }

  close(): Promise<void> {
    return this.flush();
  }

  stats(): SinkStats {
    return { ...this.counters };
  }
}
