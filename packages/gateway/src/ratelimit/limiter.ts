/**
 * A route's rate limit: the key (identity, API key, client IP or a header), the bucket spec, and the store. A Redis
 * store that fails falls back to the local buckets (fail-open) or denies with 503 (fail-closed), and says so through
 * `degraded` so the caller can count and log it.
 */
import type { RateLimitConfig } from '../config/types.js';
import type { Identity } from '../auth/identity.js';
import type { RedisBuckets } from './redis-buckets.js';
import { bucketSpec, type BucketSpec, MemoryBuckets } from './token-bucket.js';

export interface LimitDecision {
  allowed: boolean;
  /** 429 over the limit, 503 when Redis is down and the mode is fail-closed. */
  status: number;
  limit: number;
  remaining: number;
  resetSeconds: number;
  retryAfterSeconds: number;
  key: string;
  degraded: boolean;
}

export interface LimitInput {
  identity: Identity | undefined;
  clientIp: string;
  headers: Record<string, string | string[] | undefined>;
}

export class RouteLimiter {
  private readonly spec: BucketSpec;
  private readonly local = new MemoryBuckets();
  private readonly keyOf: (i: LimitInput) => string;
  readonly policy: string;

  constructor(
    private readonly route: string,
    private readonly cfg: RateLimitConfig,
    private readonly redis: RedisBuckets | undefined,
    private readonly failClosed: boolean,
  ) {
    this.spec = bucketSpec(cfg.rate, cfg.periodSeconds, cfg.burst);
    this.keyOf = keyFunction(cfg.key);
    this.policy = `${this.spec.capacity};w=${cfg.periodSeconds}`;
  }

  async decide(input: LimitInput): Promise<LimitDecision> {
    const key = `${this.route}:${this.keyOf(input)}`;
    let degraded = false;
    let r: { allowed: boolean; remaining: number; retryAfterMs: number } | undefined;
    if (this.cfg.store === 'redis' && this.redis !== undefined) {
      try {
        r = await this.redis.take(key, this.spec);
      } catch {
        degraded = true;
        if (this.failClosed) {
          return {
            allowed: false,
            status: 503,
            limit: this.spec.capacity,
            remaining: 0,
            resetSeconds: 1,
            retryAfterSeconds: 1,
            key,
            degraded,
          };
        }
      }
    }
    r ??= this.local.take(key, this.spec, Date.now());
    const toFullMs = (this.spec.capacity - r.remaining) / this.spec.refillPerMs;
    return {
      allowed: r.allowed,
      status: 429,
      limit: this.spec.capacity,
      remaining: r.remaining,
      resetSeconds: Math.max(0, Math.ceil(toFullMs / 1000)),
      retryAfterSeconds: Math.max(1, Math.ceil(r.retryAfterMs / 1000)),
      key,
      degraded,
    };
  }
}

function keyFunction(kind: string): (i: LimitInput) => string {
  if (kind === 'identity') return (i) => (i.identity === undefined ? `ip:${i.clientIp}` : `id:${i.identity.subject}`);
  if (kind === 'apiKey')
    return (i) => (i.identity?.type === 'apiKey' ? `key:${i.identity.credentialId}` : `ip:${i.clientIp}`);
  if (kind.startsWith('header:')) {
    const h = kind.slice(7).toLowerCase();
    return (i) => {
      const v = i.headers[h];
      return typeof v === 'string' && v !== '' ? `h:${v}` : `ip:${i.clientIp}`;
    };
  }
  return (i) => `ip:${i.clientIp}`;
}

/** Response headers: IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers) and Retry-After on denial. */
export function rateLimitHeaders(d: LimitDecision, policy: string): Record<string, string> {
  const h: Record<string, string> = {
    'ratelimit-policy': policy,
    'ratelimit-limit': String(d.limit),
    'ratelimit-remaining': String(d.remaining),
    'ratelimit-reset': String(d.resetSeconds),
  };
  if (!d.allowed) h['retry-after'] = String(d.retryAfterSeconds);
  return h;
}
