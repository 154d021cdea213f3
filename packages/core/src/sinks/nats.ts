/**
 * NATS JetStream publish (`@rampart/core/sinks/nats`): the scale-out transport of DESIGN.md §3. Each event goes to
 * `rampart.events.<module>` with `Nats-Msg-Id` = event.id, so a re-publish after a lost ack is de-duplicated by the
 * server. The connection reconnects forever; unacknowledged events stay in a bounded buffer and are published again.
 */
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { SecurityEvent } from '../event/types.js';
import { BoundedQueue } from './queue.js';
import { backoffDelay, type EventSink, emptyStats, type SinkErrorHandler, type SinkStats } from './types.js';

export interface NatsSinkOptions {
  servers: string | string[];
  /** Subject prefix; the module is appended (default `rampart.events`). */
  subjectPrefix?: string;
  /** Stream to create when missing (default `RAMPART_EVENTS`); `ensureStream: false` leaves streams to operators. */
  stream?: string;
  ensureStream?: boolean;
  /** The stream's de-duplication window when created (default 2 minutes, JetStream's default). */
  duplicateWindowMs?: number;
  /** Publishes awaiting their ack at once (default 64). */
  window?: number;
  maxBuffer?: number;
  ackTimeoutMs?: number;
  shutdownTimeoutMs?: number;
  token?: string;
  user?: string;
  pass?: string;
  onError?: SinkErrorHandler;
  /** Called once per event the stream acknowledged (with its stream sequence). */
  onAck?: (event: SecurityEvent, seq: number, duplicate: boolean) => void;
}

export class NatsSink implements EventSink {
  private readonly queue: BoundedQueue<SecurityEvent>;
  private readonly counters: SinkStats = emptyStats();
  private readonly prefix: string;
  private readonly window: number;
  private nc: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private connecting: Promise<void> | undefined;
  private inflight = 0;
  private pump: Promise<void> | undefined;
  private attempt = 0;
  private closed = false;
  private deadline = Number.POSITIVE_INFINITY;
  private idle: (() => void)[] = [];

  constructor(private readonly options: NatsSinkOptions) {
    this.prefix = options.subjectPrefix ?? 'rampart.events';
    this.window = Math.max(1, options.window ?? 64);
    this.queue = new BoundedQueue(Math.max(1, options.maxBuffer ?? 100_000));
  }

  send(event: SecurityEvent): void {
    this.counters.received++;
    if (this.closed) {
      this.counters.dropped++;
      return;
    }
    this.queue.push(event);
    this.start();
  }

  private start(): void {
    this.pump ??= this.run()
      .catch((e) => this.options.onError?.(e as Error))
      .finally(() => {
        this.pump = undefined;
        if (this.queue.length > 0 && !this.closed) setTimeout(() => this.start(), 50).unref();
      });
  }

  private async connectOnce(): Promise<void> {
    const nc = await connect({
      servers: this.options.servers,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      waitOnFirstConnect: true,
      token: this.options.token,
      user: this.options.user,
      pass: this.options.pass,
    });
    if (this.options.ensureStream !== false) {
      const name = this.options.stream ?? 'RAMPART_EVENTS';
      const jsm = await jetstreamManager(nc);
      try {
        await jsm.streams.info(name);
      } catch {
        await jsm.streams.add({
          name,
          subjects: [`${this.prefix}.>`],
          duplicate_window: nanos(this.options.duplicateWindowMs ?? 120_000),
        });
      }
    }
    this.nc = nc;
    this.js = jetstream(nc, { timeout: this.options.ackTimeoutMs ?? 5000 });
  }

  private async run(): Promise<void> {
    while (this.queue.length > 0) {
      if (this.js === undefined) {
        this.connecting ??= this.connectOnce().finally(() => {
          this.connecting = undefined;
        });
        try {
          await this.connecting;
        } catch (e) {
          this.options.onError?.(e as Error);
          if (!(await this.sleep())) return;
          continue;
        }
      }
      if (this.inflight >= this.window) {
        await new Promise<void>((resolve) => this.idle.push(resolve));
        continue;
      }
      const [event] = this.queue.take(1);
      if (event !== undefined) this.publish(event);
    }
  }

  private publish(event: SecurityEvent): void {
    const js = this.js as JetStreamClient;
    this.inflight++;
    const subject = `${this.prefix}.${sanitizeToken(event.event?.module ?? 'unknown')}`;
    js.publish(subject, JSON.stringify(event), { msgID: event.event.id })
      .then((ack) => {
        this.counters.acked++;
        this.attempt = 0;
        this.options.onAck?.(event, ack.seq, ack.duplicate);
      })
      .catch((e: Error) => {
        // Not acknowledged: it may or may not be stored. Publish again with the same msg id; the server de-duplicates.
        this.counters.retries++;
        this.options.onError?.(e);
        if (this.closed && Date.now() > this.deadline) this.counters.dropped++;
        else this.queue.unshift([event]);
      })
      .finally(() => {
        this.inflight--;
        const wake = this.idle.shift();
        if (wake !== undefined) wake();
        else if (this.queue.length > 0) setTimeout(() => this.start(), backoffDelay(this.attempt++, 50, 2000)).unref();
      });
  }

  /** Waits a backoff step; false when closing and past the deadline. */
  private async sleep(): Promise<boolean> {
    const delay = backoffDelay(this.attempt++, 100, 5000);
    if (Date.now() + delay > this.deadline) return false;
    await new Promise((r) => setTimeout(r, delay).unref());
    return true;
  }

  /** Polls rather than tracking waiters: acks arrive out of band and a flush is rare (shutdown, tests). */
  async flush(): Promise<void> {
    while ((this.queue.length > 0 || this.inflight > 0) && Date.now() <= this.deadline) {
      this.start();
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    this.deadline = Date.now() + (this.options.shutdownTimeoutMs ?? 5000);
    await this.flush();
    this.closed = true;
    this.counters.dropped += this.queue.clear();
    const nc = this.nc;
    this.nc = undefined;
    this.js = undefined;
    if (nc !== undefined) await nc.close().catch(() => {});
  }

  stats(): SinkStats {
    return {
      ...this.counters,
      dropped: this.counters.dropped + this.queue.dropped,
      queued: this.queue.length + this.inflight,
    };
  }
}

/** A subject token may not contain `.`, `*`, `>` or white space. */
function sanitizeToken(s: string): string {
  return s.replace(/[.*>\s]/g, '_') || 'unknown';
}
