/**
 * A SIEM in its own process for the kill-and-restart test: started on a store file, it prints `READY <url>` and
 * runs until killed.
 */
import { parseSiemConfig } from './config.js';
import { startSiem } from './siem-service.js';

const path = process.argv[2] as string;
const config = parseSiemConfig(
  `store: { path: ${JSON.stringify(path)} }\nhttp: { port: 0 }\nqueue: { batchSize: 200 }`,
);
const siem = await startSiem(config, { logger: { info() {}, warn() {}, error() {} } as never });
process.stdout.write(`READY ${siem.url}\n`);
