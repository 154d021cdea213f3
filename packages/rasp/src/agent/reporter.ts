/**
 * Sends detections: one JSON line on stderr, and the event to the SIEM over core's HttpSink (batched, bounded, never
 * blocking). Sending runs outside the request's async context, so the sink's own timers and sockets never look like
 * the app's outbound calls to the agent's hooks.
 */
import type { SecurityEvent } from '@rampart/core/event';
import { HttpSink } from '@rampart/core/sinks';
import { requestStorage } from '../context/request-context.js';
import type { EventTarget, ResolvedOptions } from './options.js';

export class Reporter {
  private readonly targets: EventTarget[] = [];
  private readonly log: boolean;
  private readonly internalReported = new Set<string>();

  constructor(options: ResolvedOptions) {
    this.log = options.log;
    if (options.events !== undefined) this.targets.push(options.events);
    if (options.siemUrl !== undefined) {
      this.targets.push(
        new HttpSink({
          url: options.siemUrl,
          token: options.siemToken,
          batchSize: 100,
          flushIntervalMs: 1000,
          maxBuffer: 5000,
          onError: (e) => this.internal('siem', e),
        }),
      );
    }
  }

  event(e: SecurityEvent): void {
    if (this.log) {
      const rasp = (e.rampart as { rasp?: Record<string, unknown> } | undefined)?.rasp ?? {};
      stderr({ level: 'warn', module: 'rasp', msg: e.message, event_id: e.event.id, ...rasp });
    }
    requestStorage.exit(() => {
      for (const t of this.targets) {
        try {
          t.send(e);
        } catch (err) {
          this.internal('events', err);
        }
      }
    });
  }

  /** An internal failure of the agent: reported once per place, never thrown. */
  internal(where: string, error: unknown): void {
    if (this.internalReported.has(where)) return;
    this.internalReported.add(where);
    const message = error instanceof Error ? error.message : String(error);
    stderr({
      level: 'error',
      module: 'rasp',
      msg: `internal error in ${where}; the call proceeds unprotected`,
      error: message,
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.targets.map((t) => t.close?.().catch(() => undefined)));
  }

  async flush(): Promise<void> {
    await Promise.all(this.targets.map((t) => t.flush?.().catch(() => undefined)));
  }
}

function stderr(record: Record<string, unknown>): void {
  try {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
  } catch {
    // stderr closed: nothing left to tell.
  }
}
