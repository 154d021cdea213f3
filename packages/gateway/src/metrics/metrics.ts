/**
 * Prometheus metrics with prom-client, on a registry of the gateway's own (never the global one, so two gateways in
 * one process or a reload do not collide). Label values are bounded: route names from config, status classes, stages.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'route' | 'method' | 'status'>;
  readonly duration: Histogram<'route'>;
  readonly denials: Counter<'stage' | 'route'>;
  readonly upstreamUp: Gauge<'upstream' | 'target'>;
  readonly rateLimitDegraded: Counter<'route'>;
  readonly dlpUnscanned: Counter<'route'>;

  // Label children cached by their values: prom-client hashes a label object on every call otherwise.
  private readonly requestChildren = new Map<string, { inc(): void }>();
  private readonly durationChildren = new Map<string, { observe(v: number): void }>();

  /** Per finished request: one counter and one histogram observation, through cached children. */
  observeRequest(route: string, method: string, status: number, seconds: number): void {
    const key = `${route}\u0000${method}\u0000${status}`;
    let c = this.requestChildren.get(key);
    if (c === undefined) {
      c = this.requestChildren.size < 10_000 ? this.requests.labels(route, method, String(status)) : undefined;
      if (c === undefined) this.requests.inc({ route, method, status: String(status) });
      else this.requestChildren.set(key, c);
    }
    c?.inc();
    let h = this.durationChildren.get(route);
    if (h === undefined) {
      h = this.duration.labels(route);
      this.durationChildren.set(route, h);
    }
    h.observe(seconds);
  }

  constructor(defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry, prefix: 'rampart_gateway_' });
    this.requests = new Counter({
      name: 'rampart_gateway_requests_total',
      help: 'Requests by route, method and status code',
      labelNames: ['route', 'method', 'status'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'rampart_gateway_request_duration_seconds',
      help: 'Time from request to the end of the response',
      labelNames: ['route'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.denials = new Counter({
      name: 'rampart_gateway_denials_total',
      help: 'Denied requests by stage (strict, route, authn, authz, ratelimit, validation, waf, dlp, upstream)',
      labelNames: ['stage', 'route'],
      registers: [this.registry],
    });
    this.upstreamUp = new Gauge({
      name: 'rampart_gateway_upstream_up',
      help: '1 when an upstream target takes traffic, 0 when ejected or failing health checks',
      labelNames: ['upstream', 'target'],
      registers: [this.registry],
    });
    this.rateLimitDegraded = new Counter({
      name: 'rampart_gateway_ratelimit_degraded_total',
      help: 'Rate-limit decisions taken locally because Redis was unreachable',
      labelNames: ['route'],
      registers: [this.registry],
    });
    this.dlpUnscanned = new Counter({
      name: 'rampart_gateway_dlp_unscanned_total',
      help: 'Responses passed through without a DLP scan because they were over the size limit',
      labelNames: ['route'],
      registers: [this.registry],
    });
  }
}
