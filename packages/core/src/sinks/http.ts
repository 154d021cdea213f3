/**
 * HTTP batch POST to the SIEM (`POST /api/v1/events`): NDJSON bodies, optionally gzip, batched by size and time, one batch
 * in flight so events arrive in order, retried with full-jitter backoff (honouring Retry-After) until acknowledged.
 * node:http/https only: the RASP agent, which has no dependencies, ships events through this class.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { SecurityEvent } from '../event/types.js';
import { BoundedQueue } from './queue.js';
import { backoffDelay, type EventSink, emptyStats, type SinkErrorHandler, type SinkStats } from './types.js';

const gzip = promisify(gzipCallback);

export interface HttpSinkOptions {
  url: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Events per POST (default 500). */
  batchSize?: number;
  /** A partial batch is sent after this long (default 1000 ms). */
  flushIntervalMs?: number;
  /** Events kept while the receiver is slow or down; overflow drops the oldest (default 10,000). */
  maxBuffer?: number;
  gzip?: boolean;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How long `close()` keeps trying to deliver what is left (default 5 s). */
  shutdownTimeoutMs?: number;
  headers?: Record<string, string>;
  onError?: SinkErrorHandler;
}

interface Outcome {
  ok: boolean;
  /** Retrying cannot help (4xx other than 408/429). */
  permanent?: boolean;
  retryAfterMs?: number;
  error?: Error;
}

export class HttpSink implements EventSink {
  private readonly queue: BoundedQueue<SecurityEvent>;
  private readonly counters: SinkStats = emptyStats();
  private readonly url: URL;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly agent: HttpAgent;
  private inflight: SecurityEvent[] = [];
  private loop: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private wakeRetry: (() => void) | undefined;
  private attempt = 0;
  private deadline = Number.POSITIVE_INFINITY;
  private closed = false;

  constructor(private readonly options: HttpSinkOptions) {
    this.url = new URL(options.url);
    this.batchSize = Math.max(1, options.batchSize ?? 500);
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.queue = new BoundedQueue(Math.max(1, options.maxBuffer ?? 10_000));
    this.agent =
      this.url.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  }

  send(event: SecurityEvent): void {
    this.counters.received++;
    if (this.closed) {
      this.counters.dropped++;
      return;
    }
    this.queue.push(event);
    if (this.queue.length >= this.batchSize) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.flushIntervalMs).unref();
  }

  /** Starts the delivery loop unless it runs already. */
  private kick(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.loop ??= this.deliver().finally(() => {
      this.loop = undefined;
      if (this.queue.length > 0 && !this.closed)
        this.timer ??= setTimeout(() => this.kick(), this.flushIntervalMs).unref();
    });
  }

  private async deliver(): Promise<void> {
    // Each round sends one batch; a full batch goes out at once, a partial one only when flushed or its timer fired.
    while (this.inflight.length > 0 || this.queue.length > 0) {
      if (this.inflight.length === 0) this.inflight = this.queue.take(this.batchSize);
      const outcome = await this.post(this.inflight);
      if (outcome.ok) {
        this.counters.acked += this.inflight.length;
        this.inflight = [];
        this.attempt = 0;
        continue;
      }
      if (outcome.error !== undefined) this.options.onError?.(outcome.error);
      if (outcome.permanent === true) {
        this.counters.rejected += this.inflight.length;
        this.inflight = [];
        continue;
      }
      this.counters.retries++;
      const delay = Math.max(
        outcome.retryAfterMs ?? 0,
        backoffDelay(this.attempt++, this.options.retryBaseMs ?? 100, this.options.retryMaxMs ?? 30_000),
      );
      if (Date.now() + delay > this.deadline) return;
      await new Promise<void>((resolve) => {
        // unref: a sink waiting to retry must not keep a finished process alive (close() is what delivers the rest).
        const t = setTimeout(resolve, delay).unref();
        this.wakeRetry = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wakeRetry = undefined;
    }
  }

  private async post(batch: SecurityEvent[]): Promise<Outcome> {
    let body: Buffer;
    try {
      let text = '';
      for (const e of batch) text += `${JSON.stringify(e)}\n`;
      body = Buffer.from(text);
      if (this.options.gzip === true) body = await gzip(body);
    } catch (e) {
      return { ok: false, permanent: true, error: e as Error };
    }
    const headers: Record<string, string> = {
      'content-type': 'application/x-ndjson',
      'content-length': String(body.length),
      ...this.options.headers,
    };
    if (this.options.gzip === true) headers['content-encoding'] = 'gzip';
    if (this.options.token !== undefined) headers.authorization = `Bearer ${this.options.token}`;
    const request = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Outcome>((resolve) => {
      const req = request(
        this.url,
        { method: 'POST', headers, agent: this.agent, timeout: this.options.timeoutMs ?? 10_000 },
        (res: IncomingMessage) => {
          res.resume();
          res.on('end', () => resolve(classify(res)));
          res.on('error', (error) => resolve({ ok: false, error }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`POST ${this.url.origin}${this.url.pathname} timed out`)));
      req.on('error', (error) => resolve({ ok: false, error }));
      req.end(body);
    });
  }

  async flush(): Promise<void> {
    if (this.queue.length === 0 && this.inflight.length === 0) return;
    this.kick();
    while (this.loop !== undefined) await this.loop;
  }

  async close(): Promise<void> {
    this.deadline = Date.now() + (this.options.shutdownTimeoutMs ?? 5000);
    // Not unref'd: a pending close() keeps the process alive until delivered or the deadline.
    const giveUp = setTimeout(() => this.wakeRetry?.(), Math.max(0, this.deadline - Date.now()));
    await this.flush();
    clearTimeout(giveUp);
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    // Whatever the deadline left undelivered is lost: count it, so the numbers add up.
    this.counters.dropped += this.inflight.length + this.queue.clear();
    this.inflight = [];
    this.agent.destroy();
  }

  stats(): SinkStats {
    return {
      ...this.counters,
      dropped: this.counters.dropped + this.queue.dropped,
      queued: this.queue.length + this.inflight.length,
    };
  }
}

function classify(res: IncomingMessage): Outcome {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return { ok: true };
  const error = new Error(`event receiver answered HTTP ${status}`);
  if (status === 429 || status === 503 || status === 408 || status >= 500) {
    return { ok: false, retryAfterMs: parseRetryAfter(res.headers['retry-after']), error };
  }
  return { ok: false, permanent: true, error };
}

/** `Retry-After` is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
