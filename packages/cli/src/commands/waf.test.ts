/** `rampart waf test` prints one JSON object per stage then totals; `rampart waf eval` judges a raw request. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { isRampartError } from '@rampart/core';
import { repoRoot } from '@rampart/core/testing';
import { Command } from 'commander';
import type { RunCommand } from '../command.js';
import { CliContext } from '../context.js';
import { wafCommand } from './waf.js';

async function rampart(args: string[]): Promise<{ code: number; out: string; err: string }> {
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
  const streams = { stdout, stderr, env: {} };
  const program = new Command().exitOverride().option('-f, --format <format>').option('-o, --output <file>');
  let pending: Promise<number> | undefined;
  let leaf: Command = program;
  program.hook('preAction', (_root, action) => {
    leaf = action;
  });
  wafCommand.register(program, (action: RunCommand) => {
    pending = Promise.resolve().then(() => action(new CliContext(leaf.optsWithGlobals(), streams)));
  });
  let code: number;
  try {
    await program.parseAsync(args, { from: 'user' });
    code = await (pending ?? Promise.resolve(0));
  } catch (e) {
    if (!isRampartError(e)) throw e;
    err += `rampart: ${e.format()}\n`;
    code = e.exitCode;
  }
  return { code, out, err };
}

test('waf test --format json: one object per stage, then totals', async () => {
  const r = await rampart(['waf', 'test', join(repoRoot(), 'packages/waf/testdata/ftw'), '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  assert.deepEqual(Object.keys(lines[0]), ['test', 'rule_id', 'stage', 'pass', 'expected', 'fired']);
  assert.deepEqual(lines[0].fired, [7000400, 7000999]);
  assert.deepEqual(lines[3].totals.passed, 3);
});

test('waf test with a bad paranoia level is a usage error', async () => {
  const r = await rampart(['waf', 'test', join(repoRoot(), 'packages/waf/testdata/ftw'), '--paranoia', '7']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--paranoia must be 1, 2, 3 or 4/);
});
