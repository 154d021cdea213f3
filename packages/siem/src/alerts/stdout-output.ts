/** Alerts as NDJSON lines (their SecurityEvent form) on a stream, stdout by default. */
import type { AlertRecord } from '../store/types.js';
import type { AlertOutput } from './output.js';

export function stdoutOutput(stream: NodeJS.WritableStream = process.stdout): AlertOutput {
  return {
    name: 'stdout',
    send(alerts: readonly AlertRecord[]) {
      if (alerts.length === 0) return;
      stream.write(`${alerts.map((a) => JSON.stringify(a.event)).join('\n')}\n`);
    },
    async close() {},
  };
}
