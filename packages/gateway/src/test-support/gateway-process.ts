/**
 * A gateway in its own process, for tests that need several replicas (shared Redis limits): reads YAML from the
 * RAMPART_TEST_GATEWAY_CONFIG environment variable, prints `{"port":N}` on stdout once listening, and stops on SIGTERM.
 */
import { parseGatewayConfig } from '../config/load.js';
import { startGateway } from '../server/gateway.js';

const text = process.env.RAMPART_TEST_GATEWAY_CONFIG ?? '';
const { config, baseDir } = parseGatewayConfig(text, 'replica.yaml', process.cwd());
const gw = await startGateway(config, { baseDir });
process.stdout.write(`${JSON.stringify({ port: gw.addresses[0]?.port })}\n`);
process.once('SIGTERM', () => {
  void gw.close().then(() => process.exit(0));
});
