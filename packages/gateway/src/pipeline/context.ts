/** What the pipeline needs from the running gateway; the gateway owns the lifecycle, the pipeline only reads. */
import type { IncomingMessage } from 'node:http';
import type { AccessLog } from '../events/access-log.js';
import type { DenialFacts } from '../events/denial.js';
import type { EventSinkLike } from '../events/sink.js';
import type { GatewayMetrics } from '../metrics/metrics.js';
import type { WafStage } from '../waf/stage.js';
import type { Runtime } from './runtime.js';

export interface GatewayContext {
  /** The current runtime: swapped atomically by a reload. */
  runtime(): Runtime;
  metrics: GatewayMetrics;
  sink: EventSinkLike;
  accessLog: AccessLog | undefined;
  waf: WafStage | undefined;
  serviceName: string;
  proto(req: IncomingMessage): 'http' | 'https';
  denied(facts: DenialFacts): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}
