/**
 * Active health checks: every `intervalMs`, a GET of `path` on each target through its own pool; `unhealthyThreshold`
 * failures in a row take the target out, `healthyThreshold` successes bring it back. Timers are unref'd.
 */
import type { Target, Upstream } from './upstream.js';

export function startHealthChecks(upstream: Upstream): () => void {
  const hc = upstream.config.healthCheck;
  if (hc === undefined) return () => {};
  const streak = new Map<Target, number>();
  let stopped = false;
  const probe = async (t: Target): Promise<void> => {
    let ok = false;
    try {
      const r = await t.pool.request({
        path: hc.path,
        method: 'GET',
        headers: { 'user-agent': 'rampart-gateway-healthcheck' },
        headersTimeout: hc.timeoutMs,
        bodyTimeout: hc.timeoutMs,
      });
      await r.body.dump();
      ok = r.statusCode >= 200 && r.statusCode < 300;
    } catch {
      ok = false;
    }
    if (stopped) return;
    // Positive streak counts successes, negative counts failures.
    const prev = streak.get(t) ?? 0;
    const s = ok ? Math.max(prev, 0) + 1 : Math.min(prev, 0) - 1;
    streak.set(t, s);
    if (t.activeUp && s <= -hc.unhealthyThreshold) {
      t.activeUp = false;
      upstream.onStateChange?.(t, false, 'active: health check failed');
    } else if (!t.activeUp && s >= hc.healthyThreshold) {
      t.activeUp = true;
      upstream.onStateChange?.(t, true, 'active: health check passed');
    }
  };
  const tick = () => {
    for (const t of upstream.targets) void probe(t);
  };
  const timer = setInterval(tick, hc.intervalMs);
  timer.unref();
  tick();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
