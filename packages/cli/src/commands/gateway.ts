/**
 * `rampart gateway --config FILE`: runs the zero-trust API gateway (worker processes per the config's `workers`),
 * reloads on SIGHUP and file change, drains on SIGTERM/SIGINT. `--check` validates the config and exits;
 * `--hash-key` reads an API key on stdin and prints the `sha256:` value to put in the config.
 */
import cluster from 'node:cluster';
import { resolve } from 'node:path';
import { createLogger, RampartError } from '@rampart/core';
import { createSink, type SinkConfig, StdoutSink } from '@rampart/core/sinks';
import {
  hashApiKey,
  isGatewayWorker,
  loadGatewayConfig,
  registerWorkerMetrics,
  runCluster,
  startGateway,
  type WafFactory,
  watchConfig,
} from '@rampart/gateway';
import { loadWaf, type WafOptions } from '@rampart/waf';
import type { CommandModule } from '../command.js';

interface GatewayOptions {
  config?: string;
  check?: boolean;
  hashKey?: boolean;
}

export const gatewayCommand: CommandModule = {
  register(program, run) {
    program
      .command('gateway')
      .description('run the zero-trust API gateway (authn, authz, rate limits, OpenAPI validation, DLP, WAF)')
      .option('-c, --config <file>', 'gateway config (YAML or JSON), see examples/gateway/gateway.yaml')
      .option('--check', 'validate the config (and everything it references) and exit')
      .option('--hash-key', 'read an API key on stdin and print its config hash')
      .action((opts: GatewayOptions) =>
        run(async (ctx) => {
          if (opts.hashKey === true) {
            const chunks: Buffer[] = [];
            for await (const c of process.stdin) chunks.push(c as Buffer);
            const key = Buffer.concat(chunks)
              .toString('utf8')
              .replace(/\r?\n$/, '');
            if (key === '') throw new RampartError('USAGE', 'no API key on stdin', { field: '--hash-key' });
            ctx.emit(hashApiKey(key));
            return 0;
          }
          if (opts.config === undefined)
            throw new RampartError('USAGE', 'missing --config <file>', { field: '--config' });
          const loaded = await loadGatewayConfig(opts.config);
          const config = loaded.config;
          const logger = createLogger({
            name: 'rampart-gateway',
            secrets: () => loaded.secrets,
            destination: process.stderr,
          });
          if (opts.check === true) {
            // Building the runtime compiles routes, keys, CEL rules and OpenAPI specs: what --check promises.
            const gw = await startGateway(
              {
                ...config,
                listeners: config.listeners.map((l) => ({ ...l, port: 0, host: '127.0.0.1' })),
                admin: undefined,
                accessLog: { enabled: false },
              },
              { baseDir: loaded.baseDir },
            );
            await gw.close();
            ctx.emit(
              `${loaded.file}: ok (${config.routes.length} routes, ${Object.keys(config.upstreams).length} upstreams)`,
            );
            return 0;
          }
          const workers = config.workers === 'auto' ? 2 : config.workers;
          if (cluster.isPrimary && (config.workers === 'auto' || workers > 1)) {
            ctx.info(`rampart gateway: ${config.workers} workers, listening on ${listenersText(config.listeners)}`);
            return runCluster({
              workers: config.workers,
              admin: config.admin,
              killAfterMs: config.shutdownGraceMs + 5000,
              log: (m) => logger.info(m),
            });
          }
          const worker = isGatewayWorker();
          const sink =
            config.events === undefined ? new StdoutSink() : await createSink(config.events as unknown as SinkConfig);
          const gw = await startGateway(worker ? { ...config, admin: undefined } : config, {
            baseDir: loaded.baseDir,
            sink,
            createWaf: wafFactory(loaded.baseDir),
            logger,
            defaultMetrics: true,
          });
          if (worker) registerWorkerMetrics(gw.metrics.registry);
          const watcher = watchConfig(loaded.file, gw, {
            onReloaded: () => logger.info(`config ${loaded.file} reloaded`),
            onRejected: (e) =>
              logger.error(`config ${loaded.file} rejected, the running config keeps serving: ${describe(e)}`),
          });
          if (!worker) {
            const where = gw.addresses.map((a) => `${a.tls ? 'https' : 'http'}://${a.host}:${a.port}`).join(', ');
            ctx.info(
              `rampart gateway listening on ${where}${gw.adminAddress === undefined ? '' : ` (admin http://${gw.adminAddress.host}:${gw.adminAddress.port})`}`,
            );
          }
          await new Promise<void>((resolve) => {
            process.once('SIGTERM', resolve);
            process.once('SIGINT', resolve);
          });
          watcher.stop();
          await gw.close();
          await sink.close();
          // A worker's IPC channel to the primary would keep it alive after everything else is closed.
          if (worker) process.disconnect?.();
          return 0;
        }),
      );
  },
};

/** The config's `waf:` section goes to @rampart/waf's `loadWaf`, with its paths relative to the config file. */
function wafFactory(baseDir: string): WafFactory {
  return async (section) => {
    const opts = { ...section } as WafOptions & { crsDir?: string; files?: string[] };
    if (typeof opts.crsDir === 'string') opts.crsDir = resolve(baseDir, opts.crsDir);
    if (Array.isArray(opts.files)) opts.files = opts.files.map((f) => resolve(baseDir, f));
    return loadWaf(opts);
  };
}

function listenersText(ls: { host: string; port: number; tls?: unknown }[]): string {
  return ls.map((l) => `${l.tls === undefined ? 'http' : 'https'}://${l.host}:${l.port}`).join(', ');
}

function describe(e: Error): string {
  if (e instanceof RampartError) return [e.format(), ...e.details.map((d) => d.format())].join('; ');
  return e.message;
}
