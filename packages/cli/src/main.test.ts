import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';

const bin = join(repoRoot(), 'packages/cli/bin/rampart.js');

function rampart(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('rampart --help lists the global flags and commands, exit 0', () => {
  const r = rampart(['--help']);
  assert.equal(r.code, 0);
  for (const s of ['Usage: rampart', '--format', '--output', '--quiet', '--no-color', 'version'])
    assert.ok(r.stdout.includes(s), s);
});

test('no arguments prints help and exits 2', () => {
  const r = rampart([]);
  assert.equal(r.code, 2);
  assert.match(r.stdout + r.stderr, /Usage: rampart/);
});

test('an unknown command exits 2 with a "did you mean"', () => {
  const r = rampart(['verison']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command 'verison' \(did you mean "version"\?\)/);
  assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
});

test('with --format json, errors are one JSON object on stderr', () => {
  const r = rampart(['--format', 'json', 'verison']);
  assert.equal(r.code, 2);
  const parsed = JSON.parse(r.stderr.trim());
  assert.equal(parsed.error.code, 'UNKNOWN_COMMAND');
  assert.match(parsed.error.message, /did you mean "version"/);
});

test('an unknown option exits 2', () => {
  const r = rampart(['version', '--bogus']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown option '--bogus'/);
});

test('version prints text, or JSON with --format json, and honours --output', async () => {
  const text = rampart(['version']);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /^rampart \d+\.\d+\.\d+ \(node /);
  const json = rampart(['version', '--format', 'json']);
  assert.equal(JSON.parse(json.stdout).node, process.versions.node);
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const out = join(mkdtempSync(join(tmpdir(), 'rampart-cli-')), 'v.json');
  const r = rampart(['--format', 'json', '--output', out, 'version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '');
  assert.match(readFileSync(out, 'utf8'), /"version":/);
});
