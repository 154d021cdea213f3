/**
 * A running gateway: listeners, the admin server and the current Runtime. `reload` builds a new Runtime and swaps it
 * in (a bad config is rejected and the old one keeps serving; in-flight requests finish on the runtime they started
 * on); `close` stops accepting, drains within the grace period and releases everything.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Logger } from '@rampart/core';
import type { GatewayConfig } from '../config/types.js';
import { AccessLog } from '../events/access-log.js';
import { denialEvent } from '../events/denial.js';
import { type EventSinkLike, NULL_SINK } from '../events/sink.js';
import { rawProblem } from '../http/problem.js';
import { parserRejection } from '../http/strict.js';
import { createListener, type Listener, listen } from '../http/listeners.js';
import { GatewayMetrics } from '../metrics/metrics.js';
import type { GatewayContext } from '../pipeline/context.js';
import { createRequestHandler } from '../pipeline/handler.js';
import { Runtime } from '../pipeline/runtime.js';
import type { WafFactory, WafStage } from '../waf/stage.js';
import { createAdminServer } from './admin.js';
import { createUpgradeHandler } from './websocket.js';

export interface StartOptions {
  /** Folder that relative paths in the config are resolved against (the config file's folder). */
  baseDir?: string;
  sink?: EventSinkLike;
  createWaf?: WafFactory;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Default collectors (process CPU, memory, event loop) on /metrics; off in tests. */
  defaultMetrics?: boolean;
}

export interface Gateway {
  /** Bound addresses, in listener order (port 0 gets a real port). */
  readonly addresses: { host: string; port: number; tls: boolean }[];
  readonly adminAddress: { host: string; port: number } | undefined;
  readonly metrics: GatewayMetrics;
  readonly config: GatewayConfig;
  reload(config: GatewayConfig, baseDir?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startGateway(config: GatewayConfig, options: StartOptions = {}): Promise<Gateway> {
  const baseDir = options.baseDir ?? process.cwd();
  const metrics = new GatewayMetrics(options.defaultMetrics ?? false);
  const sink = options.sink ?? NULL_SINK;
  const logger = options.logger;
  let waf: WafStage | undefined;
  if (config.waf !== undefined && options.createWaf !== undefined) waf = await options.createWaf(config.waf);
  let runtime = await Runtime.build(config, baseDir, metrics, waf !== undefined);
  for (const n of runtime.notes) logger?.warn(n);
  let draining = false;
  const accessLog = config.accessLog.enabled ? new AccessLog(config.accessLog.path) : undefined;

  const ctx: GatewayContext = {
    runtime: () => runtime,
    metrics,
    sink,
    accessLog,
    waf,
    serviceName: config.serviceName,
    proto: (req) => ((req.socket as TLSSocket).encrypted === true ? 'https' : 'http'),
    denied: (facts) => sink.send(denialEvent(facts, config.serviceName)),
    log: (level, message) => logger?.[level](message),
  };
  const handler = createRequestHandler(ctx);
  const upgrade = createUpgradeHandler(ctx);
  const listeners: Listener[] = config.listeners.map((l) => createListener(l, config.limits, baseDir, handler));
  // Upgraded connections leave the HTTP server's bookkeeping: tracked here so that close() can end them.
  const tunnels = new Set<Duplex>();
  for (const l of listeners) {
    l.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      tunnels.add(socket);
      socket.once('close', () => tunnels.delete(socket));
      upgrade(req, socket, head);
    });
    l.server.on('clientError', (err: Error & { code?: string }, socket) => {
      // A client that hangs up (ECONNRESET, EPIPE) did nothing wrong: no answer, no denial.
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || !socket.writable) {
        socket.destroy();
        return;
      }
      const r = parserRejection(err.code);
      metrics.denials.inc({ stage: 'strict', route: '' });
      const ip = (socket as { remoteAddress?: string }).remoteAddress ?? '';
      sink.send(
        denialEvent(
          { stage: 'strict', rule: r.rule, reason: r.detail, status: r.status, clientIp: ip },
          config.serviceName,
        ),
      );
      socket.end(rawProblem(r.status));
    });
    l.server.on('rampart:tls-reloaded', () => logger?.info(`listener :${l.config.port}: TLS certificate reloaded`));
    l.server.on('rampart:tls-reload-failed', (e: Error) =>
      logger?.warn(`listener :${l.config.port}: TLS reload failed, old certificate kept: ${e.message}`),
    );
  }
  let admin: Server | undefined;
  try {
    await Promise.all(listeners.map(listen));
    if (config.admin !== undefined) {
      admin = createAdminServer({
        ready: () => {
          if (draining) return { ready: false, reason: 'draining' };
          const now = Date.now();
          for (const u of runtime.upstreams.values()) {
            if (!u.targets.some((t) => t.up(now)))
              return { ready: false, reason: `upstream ${u.name} has no healthy target` };
          }
          return { ready: true };
        },
        metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
      });
      const a = admin;
      await new Promise<void>((resolve, reject) => {
        a.once('error', reject);
        a.listen(config.admin?.port, config.admin?.host, () => resolve());
      });
    }
  } catch (e) {
    for (const l of listeners) l.server.close();
    await runtime.close(0);
    throw e;
  }

  let current = config;
  return {
    get addresses() {
      return listeners.map((l) => {
        const a = l.server.address() as AddressInfo;
        return { host: a.address, port: a.port, tls: l.tls };
      });
    },
    get adminAddress() {
      if (admin === undefined) return undefined;
      const a = admin.address() as AddressInfo;
      return { host: a.address, port: a.port };
    },
    metrics,
    get config() {
      return current;
    },
    async reload(next: GatewayConfig, nextBaseDir = baseDir) {
      const fresh = await Runtime.build(next, nextBaseDir, metrics, waf !== undefined);
      for (const n of fresh.notes) logger?.warn(n);
      if (
        JSON.stringify(next.listeners) !== JSON.stringify(current.listeners) ||
        JSON.stringify(next.limits) !== JSON.stringify(current.limits)
      ) {
        logger?.warn(
          'reload: listener and limit changes take effect on restart; routes, upstreams and policies were reloaded',
        );
      }
      const old = runtime;
      runtime = fresh;
      current = next;
      void old.close(next.shutdownGraceMs);
    },
    async close() {
      draining = true;
      for (const l of listeners) {
        l.stopWatching();
        l.server.close();
        l.server.closeIdleConnections();
      }
      const deadline = Date.now() + current.shutdownGraceMs;
      while (runtime.inflight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const l of listeners) l.server.closeAllConnections();
      for (const t of tunnels) t.destroy();
      admin?.close();
      admin?.closeAllConnections();
      await runtime.close(0);
      accessLog?.close();
      await sink.flush();
    },
  };
}
