/**
 * Everything compiled from one config: the route table, upstream pools and health checks, authenticators, authorizers,
 * limiters, OpenAPI validators and DLP scanners. A reload builds a new Runtime next to the old one and swaps; the old
 * one closes once its in-flight requests are done. Any failure while building is a config error naming its field.
 */
import { RampartError } from '@rampart/core';
import { createApiKeyAuthenticator } from '../auth/api-key.js';
import type { Authenticator } from '../auth/identity.js';
import { createJwtAuthenticator } from '../auth/jwt.js';
import { createMtlsAuthenticator } from '../auth/mtls.js';
import { AuthzConfigError, type Authorizer, compileAuthorizer } from '../authz/authorize.js';
import type { GatewayConfig, RouteConfig } from '../config/types.js';
import { createDlpScanner, type DlpScanner } from '../dlp/scanner.js';
import type { GatewayMetrics } from '../metrics/metrics.js';
import { startHealthChecks } from '../proxy/health-check.js';
import { TrustedProxies } from '../proxy/forwarded.js';
import { resolvePath, Upstream } from '../proxy/upstream.js';
import { RouteLimiter } from '../ratelimit/limiter.js';
import { RedisBuckets } from '../ratelimit/redis-buckets.js';
import { RouteTable } from '../router/route-table.js';
import { OpenApiValidator } from '../validation/openapi.js';

export interface CompiledRoute {
  readonly cfg: RouteConfig;
  readonly name: string;
  readonly match: RouteConfig['match'];
  readonly upstream: Upstream;
  readonly auth: readonly Authenticator[];
  readonly authorize: Authorizer;
  readonly limiter: RouteLimiter | undefined;
  readonly openapi: OpenApiValidator | undefined;
  readonly dlp: DlpScanner | undefined;
  readonly waf: boolean;
  /** Nothing but proxying: the handler takes a synchronous path. */
  readonly plain: boolean;
}

export class Runtime {
  inflight = 0;
  private closers: (() => void)[] = [];

  private constructor(
    readonly config: GatewayConfig,
    readonly baseDir: string,
    readonly table: RouteTable<CompiledRoute>,
    readonly upstreams: Map<string, Upstream>,
    readonly authenticators: Map<string, Authenticator>,
    readonly trusted: TrustedProxies,
    readonly redis: RedisBuckets | undefined,
    readonly notes: string[],
  ) {}

  static async build(
    config: GatewayConfig,
    baseDir: string,
    metrics: GatewayMetrics,
    hasWaf: boolean,
  ): Promise<Runtime> {
    const fail = (field: string, message: string, cause?: unknown): never => {
      throw new RampartError('CONFIG_INVALID', message, { field, cause });
    };
    const notes: string[] = [];
    let trusted: TrustedProxies;
    try {
      trusted = new TrustedProxies(config.trustedProxies);
    } catch (e) {
      return fail('trustedProxies', (e as Error).message, e);
    }
    const upstreams = new Map<string, Upstream>();
    const authenticators = new Map<string, Authenticator>();
    let redis: RedisBuckets | undefined;
    const cleanup = async () => {
      for (const u of upstreams.values()) await u.close();
      for (const a of authenticators.values()) a.close?.();
      await redis?.close();
    };
    try {
      for (const [name, u] of Object.entries(config.upstreams)) {
        const up = new Upstream(name, u, baseDir);
        for (const t of up.targets) metrics.upstreamUp.set({ upstream: name, target: t.origin }, 1);
        up.onStateChange = (t, isUp) => metrics.upstreamUp.set({ upstream: name, target: t.origin }, isUp ? 1 : 0);
        upstreams.set(name, up);
      }
      for (const [name, a] of Object.entries(config.authenticators)) {
        try {
          if (a.type === 'jwt') authenticators.set(name, await createJwtAuthenticator(name, a, baseDir));
          else if (a.type === 'apiKey') authenticators.set(name, createApiKeyAuthenticator(name, a));
          else authenticators.set(name, createMtlsAuthenticator(name, a));
        } catch (e) {
          fail(`authenticators.${name}`, (e as Error).message, e);
        }
      }
      if (config.redis !== undefined && config.routes.some((r) => r.rateLimit?.store === 'redis')) {
        redis = await RedisBuckets.connect(config.redis.url, config.redis.prefix, config.redis.commandTimeoutMs);
      }
      const routes: CompiledRoute[] = [];
      for (const [i, r] of config.routes.entries()) {
        const at = `routes[${i}]`;
        let authorize: Authorizer;
        try {
          authorize = compileAuthorizer(r.authorize, `${at}.authorize`);
        } catch (e) {
          return fail(e instanceof AuthzConfigError ? e.field : `${at}.authorize`, (e as Error).message, e);
        }
        let openapi: OpenApiValidator | undefined;
        if (r.openapi !== undefined) {
          try {
            openapi = new OpenApiValidator(resolvePath(baseDir, r.openapi.spec), r.openapi.strict);
          } catch (e) {
            fail(`${at}.openapi.spec`, (e as Error).message, e);
          }
        }
        const dlp = r.dlp === undefined ? undefined : createDlpScanner(r.dlp);
        const limiter =
          r.rateLimit === undefined
            ? undefined
            : new RouteLimiter(r.name, r.rateLimit, redis, config.redis?.failMode === 'closed');
        const auth = r.auth === 'none' ? [] : r.auth.map((n) => authenticators.get(n) as Authenticator);
        const waf = r.waf && hasWaf;
        routes.push({
          cfg: r,
          name: r.name,
          match: r.match,
          upstream: upstreams.get(r.upstream) as Upstream,
          auth,
          authorize,
          limiter,
          openapi,
          dlp,
          waf,
          plain:
            auth.length === 0 &&
            r.authorize === undefined &&
            limiter === undefined &&
            openapi === undefined &&
            dlp === undefined &&
            !waf,
        });
      }
      const rt = new Runtime(config, baseDir, new RouteTable(routes), upstreams, authenticators, trusted, redis, notes);
      for (const u of upstreams.values()) rt.closers.push(startHealthChecks(u));
      return rt;
    } catch (e) {
      await cleanup();
      throw e;
    }
  }

  /** Waits until no request of this runtime is in flight (bounded), then closes pools, timers and Redis. */
  async close(graceMs: number): Promise<void> {
    for (const c of this.closers) c();
    const deadline = Date.now() + graceMs;
    while (this.inflight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await Promise.all(
      [...this.upstreams.values()].map((u) =>
        this.inflight > 0 ? Promise.all(u.targets.map((t) => t.pool.destroy())) : u.close(),
      ),
    );
    for (const a of this.authenticators.values()) a.close?.();
    await this.redis?.close();
  }
}
