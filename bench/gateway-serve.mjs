// Runs the gateway the way `rampart gateway --config FILE` does (worker processes per `workers`, startGateway in each),
// from the compiled @rampart/gateway alone, so the benchmark does not depend on the CLI build. Used by bench/gateway.mjs.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { loadGatewayConfig, startGateway } from '../packages/gateway/dist/index.js';

const file = process.argv[2];
const { config, baseDir } = await loadGatewayConfig(file);
const workers = config.workers === 'auto' ? availableParallelism() : config.workers;
if (cluster.isPrimary && workers > 1) {
  // Let the kernel hand connections to workers (as nginx workers accept), not the primary round robin.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  for (let i = 0; i < workers; i++) cluster.fork();
  process.once('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const gw = await startGateway(config, { baseDir });
  process.once('SIGTERM', () => void gw.close().then(() => process.exit(0)));
}
