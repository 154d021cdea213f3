/**
 * The same token bucket in Redis, for replicas that share a limit: one Lua script per decision (atomic; Redis' own
 * clock via TIME, so replicas' clocks do not matter). When Redis is unreachable the caller falls back to its local
 * buckets; the offline queue is off so a down Redis fails fast instead of queueing decisions.
 */
import type { Redis } from 'ioredis';
import type { BucketSpec, TakeResult } from './token-bucket.js';

const TAKE_SCRIPT = `
local cap = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local s = redis.call('HMGET', KEYS[1], 'tk', 'ts')
local tokens = tonumber(s[1])
local ts = tonumber(s[2])
if tokens == nil or ts == nil then tokens = cap; ts = now end
if now > ts then tokens = math.min(cap, tokens + (now - ts) * rate) end
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tk', tostring(tokens), 'ts', tostring(math.max(now, ts)))
redis.call('PEXPIRE', KEYS[1], math.ceil(cap / rate) + 1000)
return {allowed, math.floor(tokens), retry}
`;

type TakeCommand = (key: string, cap: number, rate: string) => Promise<[number, number, number]>;

export class RedisBuckets {
  private readonly redis: Redis;
  private readonly prefix: string;

  private constructor(redis: Redis, prefix: string) {
    this.redis = redis;
    this.prefix = prefix;
  }

  /** ioredis is loaded only when a route uses Redis: most gateways never pay for it at start. */
  static async connect(url: string, prefix: string, commandTimeoutMs: number): Promise<RedisBuckets> {
    const { Redis } = await import('ioredis');
    const redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: commandTimeoutMs,
      connectTimeout: 2000,
      lazyConnect: false,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // Errors surface per command (the caller falls back); the connection error event alone must not crash.
    redis.on('error', () => {});
    redis.defineCommand('rampartTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    return new RedisBuckets(redis, prefix);
  }

  get ready(): boolean {
    return this.redis.status === 'ready';
  }

  async take(key: string, spec: BucketSpec): Promise<TakeResult> {
    const cmd = (this.redis as unknown as { rampartTake: TakeCommand }).rampartTake.bind(this.redis);
    const [allowed, remaining, retry] = await cmd(this.prefix + key, spec.capacity, spec.refillPerMs.toString());
    return { allowed: allowed === 1, remaining, retryAfterMs: retry };
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}
