/**
 * An upstream: its targets, each an undici keep-alive `Pool`, and the choice of target per request (round robin or
 * least requests) among those that are up. A target is down when active health checks failed (`activeUp`) or passive
 * checks ejected it (`ejectedUntil`, after consecutive failures).
 */
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import type { UpstreamConfig } from '../config/types.js';

export class Target {
  readonly origin: string;
  readonly pool: Pool;
  inflight = 0;
  activeUp = true;
  ejectedUntil = 0;
  consecutiveFailures = 0;

  constructor(origin: string, pool: Pool) {
    this.origin = origin;
    this.pool = pool;
  }

  up(now: number): boolean {
    return this.activeUp && this.ejectedUntil <= now;
  }
}

export class Upstream {
  readonly name: string;
  readonly config: UpstreamConfig;
  readonly targets: Target[];
  private next = 0;
  /** Called when a target changes state, for metrics and logs. */
  onStateChange: ((target: Target, up: boolean, why: string) => void) | undefined;

  constructor(name: string, config: UpstreamConfig, baseDir: string) {
    this.name = name;
    this.config = config;
    const ca = config.tls?.ca === undefined ? undefined : readFileSync(resolvePath(baseDir, config.tls.ca));
    this.targets = config.targets.map((t) => {
      const origin = new URL(t).origin;
      const pool = new Pool(origin, {
        connections: config.connections,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        headersTimeout: config.requestTimeoutMs,
        bodyTimeout: config.idleTimeoutMs,
        connect: {
          timeout: config.connectTimeoutMs,
          // Verified by default; only a route's upstream that says so skips verification.
          rejectUnauthorized: config.tls?.insecureSkipVerify !== true,
          ...(ca === undefined ? {} : { ca }),
          ...(config.tls?.serverName === undefined ? {} : { servername: config.tls.serverName }),
        },
      });
      return new Target(origin, pool);
    });
  }

  /**
   * A target that is up; `avoid` is the target a retry should not reuse. When passive ejection has taken out every
   * target that health checks still pass, traffic goes to those anyway (Envoy's panic mode): ejecting the last
   * targets would turn a burst of resets into a full outage.
   */
  pick(now: number, avoid?: Target): Target | undefined {
    const t = this.pickUp(now, avoid);
    if (t !== undefined) return t;
    let best: Target | undefined;
    for (const c of this.targets) if (c.activeUp && (best === undefined || c.inflight < best.inflight)) best = c;
    return best;
  }

  private pickUp(now: number, avoid?: Target): Target | undefined {
    const ts = this.targets;
    const n = ts.length;
    if (n === 1) {
      const t = ts[0] as Target;
      return t.up(now) ? t : undefined;
    }
    if (this.config.balance === 'least-requests') {
      let best: Target | undefined;
      for (const t of ts) {
        if (!t.up(now) || t === avoid) continue;
        if (best === undefined || t.inflight < best.inflight) best = t;
      }
      return best ?? (avoid?.up(now) === true ? avoid : undefined);
    }
    for (let i = 0; i < n; i++) {
      const t = ts[(this.next + i) % n] as Target;
      if (t.up(now) && t !== avoid) {
        this.next = (this.next + i + 1) % n;
        return t;
      }
    }
    return avoid?.up(now) === true ? avoid : undefined;
  }

  /** Passive health: a connect error, reset or 5xx counts; `consecutiveFailures` in a row eject for `ejectMs`. */
  recordResult(t: Target, ok: boolean, now: number): void {
    if (ok) {
      t.consecutiveFailures = 0;
      return;
    }
    t.consecutiveFailures++;
    if (t.consecutiveFailures >= this.config.passive.consecutiveFailures && t.ejectedUntil <= now) {
      t.ejectedUntil = now + this.config.passive.ejectMs;
      t.consecutiveFailures = 0;
      this.onStateChange?.(t, false, 'passive: consecutive failures');
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.targets.map((t) => t.pool.close().catch(() => undefined)));
  }
}

export function resolvePath(baseDir: string, p: string): string {
  return p.startsWith('/') ? p : `${baseDir}/${p}`;
}
