/** Test helper: starts a sample app of testdata/apps in a child process (with or without the agent) and talks to it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@rampart/core/testing';

export const APPS_DIR = join(repoRoot(), 'packages/rasp/testdata/apps');

export interface Payload {
  sink: string;
  handler: string;
  v: string;
}

export function payloadLists(): { attacks: Payload[]; benign: Payload[] } {
  return JSON.parse(readFileSync(join(repoRoot(), 'packages/rasp/testdata/payloads/lists.json'), 'utf8'));
}

export interface RunningApp {
  port: number;
  stderr: () => string;
  stop: () => Promise<void>;
  /** GET /run/<handler>?v=<value> ({PORT}/{HOSTNAME} replaced); returns status and body text. */
  call: (p: Payload, method?: 'GET' | 'POST') => Promise<{ status: number; body: string }>;
}

export async function startApp(
  file: string,
  nodeArgs: string[],
  env: Record<string, string> = {},
): Promise<RunningApp> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(APPS_DIR, file)], {
    cwd: APPS_DIR,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${file} did not start: ${stderr}`)), 20_000);
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /\{"port":(\d+)\}/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with ${code}: ${stderr}`));
    });
  });
  const expand = (v: string) => v.replaceAll('{PORT}', String(port)).replaceAll('{HOSTNAME}', hostname());
  return {
    port,
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
    call: async (p, method = 'GET') => {
      const v = expand(p.v);
      const url = `http://127.0.0.1:${port}/run/${p.handler}`;
      const res =
        method === 'GET'
          ? await fetch(`${url}?v=${encodeURIComponent(v)}`)
          : await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ v }),
            });
      return { status: res.status, body: await res.text() };
    },
  };
}

export const REGISTER = '@rampart/rasp/register';

/** Whether a TCP server answers on 127.0.0.1:port (the machine's database services), within a second. */
export function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
