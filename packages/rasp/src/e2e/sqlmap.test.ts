/**
 * sqlmap (Debian package `sqlmap`) against the sample app's pg endpoints, bounded (`--batch --level 3 --risk 2`, a
 * time limit): without the agent it finds the injection; with it, nothing injectable. Slow (minutes), so it runs only
 * with RAMPART_RASP_SQLMAP=1; the result of a run is in the closing note.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REGISTER, startApp } from './app-process.js';

const SQLMAP = '/usr/bin/sqlmap';
const skip =
  process.env.RAMPART_RASP_SQLMAP !== '1'
    ? 'SKIPPED: set RAMPART_RASP_SQLMAP=1 to run sqlmap (minutes)'
    : !existsSync(SQLMAP)
      ? `SKIPPED: ${SQLMAP} absent (apt-get install sqlmap)`
      : false;

const LIMIT_MS = 8 * 60_000;

function sqlmap(url: string): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'rasp-sqlmap-'));
  return new Promise((resolve) => {
    const args = ['-u', url, '-p', 'v', '--batch', '--level', '3', '--risk', '2', '--dbms', 'PostgreSQL'];
    args.push('--time-sec', '2', '--timeout', '10', '--retries', '0', '--flush-session', '--output-dir', out);
    const child = spawn(SQLMAP, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
    });
    child.stderr.on('data', (d) => {
      text += d;
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), LIMIT_MS);
    child.on('close', () => {
      clearTimeout(timer);
      rmSync(out, { recursive: true, force: true });
      resolve(text);
    });
  });
}

const INJECTABLE = /sqlmap identified the following injection point|Parameter: v \(GET\)/;

for (const handler of ['pgId', 'pgName']) {
  test(`sqlmap on /run/${handler}: injectable without the agent, nothing injectable with it`, {
    skip,
    timeout: 2 * LIMIT_MS + 60_000,
  }, async () => {
    const off = await startApp('express-app.cjs', [], { EXPRESS_MODULE: 'express4' });
    let withoutAgent: string;
    try {
      withoutAgent = await sqlmap(
        `http://127.0.0.1:${off.port}/run/${handler}?v=${handler === 'pgId' ? '1' : 'alice'}`,
      );
    } finally {
      await off.stop();
    }
    assert.match(withoutAgent, INJECTABLE, withoutAgent.slice(-3000));
    const on = await startApp('express-app.cjs', ['--require', REGISTER], {
      EXPRESS_MODULE: 'express4',
      RAMPART_RASP_LOG: '0',
    });
    let withAgent: string;
    try {
      withAgent = await sqlmap(`http://127.0.0.1:${on.port}/run/${handler}?v=${handler === 'pgId' ? '1' : 'alice'}`);
    } finally {
      await on.stop();
    }
    assert.doesNotMatch(withAgent, INJECTABLE, withAgent.slice(-3000));
    assert.match(withAgent, /do not appear to be injectable|not injectable/, withAgent.slice(-3000));
    process.stdout.write(
      `# sqlmap ${handler}: without agent → injectable; with agent → ${/not appear to be injectable/.exec(withAgent)?.[0]}\n`,
    );
  });
}
