/** Runs the rampart CLI in process for tests: the real `main()`, with captured stdout/stderr and a given environment. */
import { PassThrough } from 'node:stream';
import { main } from './main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  const code = await main(args, { stdout, stderr, env });
  return { code, out, err };
}
