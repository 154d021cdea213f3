/**
 * Alerts POSTed as JSON to a webhook, signed so the receiver can trust them: `X-Rampart-Signature: sha256=<hex>` is
 * HMAC-SHA256 over `<timestamp>.<body>` with the shared secret, `X-Rampart-Timestamp` the signing time in seconds (a
 * receiver rejects old timestamps to stop replays). Failed deliveries are retried with exponential backoff and jitter,
 * honouring Retry-After; the queue is bounded and drops the oldest batch when full.
 */
import { createHmac } from 'node:crypto';
import type { AlertOutput, AlertOutputStats } from './output.js';

export interface WebhookOptions {
  url: string;
  secret?: string;
  /** Attempts per batch, first included (default 5). */
  maxAttempts?: number;
  /** First backoff (default 500 ms), doubled each attempt, capped at `maxBackoffMs` (default 30 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Batches waiting for delivery (default 1000). */
  maxQueue?: number;
  timeoutMs?: number;
  onError?: (message: string) => void;
}

export function signBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookOutput extends AlertOutput {
  stats(): AlertOutputStats;
}

export function webhookOutput(options: WebhookOptions): WebhookOutput {
  const maxAttempts = options.maxAttempts ?? 5;
  const base = options.backoffMs ?? 500;
  const cap = options.maxBackoffMs ?? 30_000;
  const maxQueue = options.maxQueue ?? 1000;
  const queue: string[] = [];
  const stats: AlertOutputStats = { sent: 0, failed: 0, dropped: 0 };
  let running: Promise<void> | undefined;

  const deliver = async (body: string): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      let retryAfterMs: number | undefined;
      try {
        const ts = String(Math.floor(Date.now() / 1000));
        const headers: Record<string, string> = { 'content-type': 'application/json', 'x-rampart-timestamp': ts };
        if (options.secret !== undefined) headers['x-rampart-signature'] = signBody(options.secret, ts, body);
        const res = await fetch(options.url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) {
          stats.sent++;
          return;
        }
        // A 4xx other than 408/429 will not get better by retrying.
        if (res.status < 500 && res.status !== 408 && res.status !== 429) {
          stats.failed++;
          options.onError?.(`webhook ${options.url} refused alerts: HTTP ${res.status}`);
          return;
        }
        const ra = Number(res.headers.get('retry-after'));
        if (Number.isFinite(ra) && ra > 0) retryAfterMs = Math.min(ra * 1000, cap);
      } catch (e) {
        if (attempt >= maxAttempts) options.onError?.(`webhook ${options.url}: ${(e as Error).message}`);
      }
      if (attempt >= maxAttempts) {
        stats.failed++;
        return;
      }
      const backoff = Math.min(cap, base * 2 ** (attempt - 1));
      await new Promise((r) => setTimeout(r, retryAfterMs ?? backoff / 2 + Math.random() * (backoff / 2)));
    }
  };

  const pump = async (): Promise<void> => {
    while (queue.length > 0) await deliver(queue.shift() as string);
    running = undefined;
  };

  return {
    name: 'webhook',
    send(alerts) {
      if (alerts.length === 0) return;
      const body = JSON.stringify({ alerts: alerts.map((a) => a.event) });
      if (queue.length >= maxQueue) {
        queue.shift();
        stats.dropped++;
      }
      queue.push(body);
      running ??= pump();
    },
    async close() {
      await running;
    },
    stats: () => ({ ...stats }),
  };
}
