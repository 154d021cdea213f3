/**
 * Token bucket with burst, in memory: `burst` tokens at most, refilled at `rate` per `periodSeconds`. One Map entry per
 * key, swept when full again so idle keys do not pile up.
 */

export interface BucketSpec {
  capacity: number;
  /** Tokens per millisecond. */
  refillPerMs: number;
}

export interface TakeResult {
  allowed: boolean;
  remaining: number;
  /** Milliseconds until one token is back (0 when allowed). */
  retryAfterMs: number;
}

interface Bucket {
  tokens: number;
  last: number;
}

const SWEEP_AT = 50_000;

export class MemoryBuckets {
  private readonly buckets = new Map<string, Bucket>();

  take(key: string, spec: BucketSpec, now: number): TakeResult {
    let b = this.buckets.get(key);
    if (b === undefined) {
      if (this.buckets.size >= SWEEP_AT) this.sweep(now, spec);
      b = { tokens: spec.capacity, last: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(spec.capacity, b.tokens + (now - b.last) * spec.refillPerMs);
      b.last = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true, remaining: Math.floor(b.tokens), retryAfterMs: 0 };
    }
    return { allowed: false, remaining: 0, retryAfterMs: Math.ceil((1 - b.tokens) / spec.refillPerMs) };
  }

  /** Drops buckets that have refilled completely: they behave exactly like absent ones. */
  sweep(now: number, spec: BucketSpec): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + (now - b.last) * spec.refillPerMs >= spec.capacity) this.buckets.delete(k);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}

export function bucketSpec(rate: number, periodSeconds: number, burst: number | undefined): BucketSpec {
  return { capacity: burst ?? Math.max(1, Math.ceil(rate)), refillPerMs: rate / (periodSeconds * 1000) };
}
