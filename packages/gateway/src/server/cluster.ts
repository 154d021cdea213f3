/**
 * Worker processes, as nginx runs them: the primary forks one gateway per core (the same command line runs again in
 * each worker, which serves the shared listener ports), restarts a worker that dies, passes SIGHUP on for reloads and
 * drains every worker on SIGTERM/SIGINT. /metrics in the primary aggregates every worker's registry.
 */
import cluster, { type Worker } from 'node:cluster';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { AggregatorRegistry, type Registry } from 'prom-client';

export interface ClusterOptions {
  workers: number | 'auto';
  admin?: { host: string; port: number };
  /** After SIGTERM, workers still alive after this long are killed (default 30 s). */
  killAfterMs?: number;
  log(message: string): void;
}

/** In the primary: forks and supervises workers; resolves with the exit code once all are gone after a signal. */
export function runCluster(options: ClusterOptions): Promise<number> {
  const count = options.workers === 'auto' ? availableParallelism() : options.workers;
  const aggregator = new AggregatorRegistry();
  let stopping = false;
  let listening = 0;
  // Let the kernel hand connections to workers (as nginx workers accept), not the primary round robin.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  const fork = (): Worker => {
    const w = cluster.fork({ RAMPART_GATEWAY_WORKER: '1' });
    w.once('listening', () => listening++);
    return w;
  };
  for (let i = 0; i < count; i++) fork();
  cluster.on('exit', (w, code, signal) => {
    listening = Math.max(0, listening - 1);
    if (stopping) return;
    options.log(`worker ${w.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(fork, 500).unref();
  });
  const admin =
    options.admin === undefined
      ? undefined
      : createServer((req, res) => {
          const path = (req.url ?? '/').split('?')[0];
          if (path === '/healthz') res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
          else if (path === '/readyz') {
            const ready = !stopping && listening >= count;
            res
              .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
              .end(`{"status":"${ready ? 'ready' : 'not-ready'}"}`);
          } else if (path === '/metrics') {
            aggregator.clusterMetrics().then(
              (body) => res.writeHead(200, { 'content-type': aggregator.contentType }).end(body),
              () => res.writeHead(500).end(),
            );
          } else res.writeHead(404).end();
        });
  admin?.listen(options.admin?.port, options.admin?.host);
  process.on('SIGHUP', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGHUP');
  });
  return new Promise((resolve) => {
    const stop = () => {
      if (stopping) return;
      stopping = true;
      admin?.close();
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      if (workers.length === 0) resolve(0);
      let left = workers.length;
      for (const w of workers) {
        w.once('exit', () => {
          if (--left === 0) resolve(0);
        });
        w.process.kill('SIGTERM');
      }
      // Workers drain within their grace period; one that hangs past it is killed rather than waited for forever.
      setTimeout(() => {
        for (const w of workers) if (!w.isDead()) w.process.kill('SIGKILL');
      }, options.killAfterMs ?? 30_000).unref();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

/** In a worker: makes this worker's registry part of the primary's aggregated /metrics. */
export function registerWorkerMetrics(registry: Registry): void {
  // Constructing one installs prom-client's worker-side message listener (setRegistries alone does not).
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

export function isGatewayWorker(): boolean {
  return cluster.isWorker && process.env.RAMPART_GATEWAY_WORKER === '1';
}
