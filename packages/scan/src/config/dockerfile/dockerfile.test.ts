import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';
import { DOCKERFILE_CHECKS, parseDockerfile, scanDockerfile } from './index.js';
import { buildStages, substitute } from './stages.js';

const DIR = join(repoRoot(), 'packages/scan/testdata/config/dockerfile');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

test('parser: continuations with comment lines, heredocs, JSON and shell forms, flags, escape directive', () => {
  const secure = parseDockerfile(read('secure.Dockerfile'), 'secure.Dockerfile');
  const aptRun = secure.find((i) => i.cmd === 'RUN' && i.args.includes('apt-get'));
  assert.ok(aptRun);
  assert.deepEqual([aptRun.line, aptRun.endLine], [5, 7]);
  const mount = secure.find((i) => i.flags.mount !== undefined);
  assert.equal(mount?.flags.mount, 'type=secret,id=npmrc,target=/root/.npmrc');
  const copyHeredoc = secure.find((i) => i.cmd === 'COPY' && i.heredocs.length > 0);
  assert.deepEqual(copyHeredoc?.heredocs, [{ delimiter: 'EOF', body: '1.0.0' }]);
  const runHeredoc = secure.find((i) => i.cmd === 'RUN' && i.heredocs.length > 0);
  assert.equal(runHeredoc?.heredocs[0]?.body, '  set -eu\n  npm run build');
  assert.deepEqual(secure.at(-1)?.json, ['/nodejs/bin/node', '/app/server.js']);
  const insecure = parseDockerfile(read('insecure.Dockerfile'), 'insecure.Dockerfile');
  const install = insecure.find((i) => i.args.includes('apt-get install'));
  assert.ok(install && !install.args.includes('comment'));
  const windows = parseDockerfile(read('windows.Dockerfile'), 'windows.Dockerfile');
  assert.equal(windows.find((i) => i.cmd === 'RUN')?.args, 'powershell -Command      Write-Host hello');
});

test('ARG substitution in FROM, and stage names', () => {
  const stages = buildStages(parseDockerfile(read('secure.Dockerfile'), 'x'));
  assert.deepEqual(
    stages.map((s) => [s.image, s.name]),
    [
      ['node:20.18.0-bookworm-slim', 'build'],
      [
        'gcr.io/distroless/nodejs20-debian12@sha256:0b2a0e3a0c1f3f4a9e8e6e5c1d4f8b9a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f',
        undefined,
      ],
    ],
  );
  const vars = new Map([
    ['A', 'x'],
    ['E', ''],
  ]);
  assert.equal(substitute('$A-${A}-${B:-d}-${E:-e}-${E-f}-${A:+alt}-${B:+alt}', vars), 'x-x-d-e--alt-');
});

test('every check fires on the insecure Dockerfile, none on the secure one', () => {
  const insecure = scanDockerfile(read('insecure.Dockerfile'), 'insecure.Dockerfile', '.');
  const fired = new Set(insecure.map((f) => f.ruleId));
  for (const check of DOCKERFILE_CHECKS) assert.ok(fired.has(check.id), `${check.id} ${check.title}`);
  const byRule = (id: string) => insecure.filter((f) => f.ruleId === id).map((f) => f.location?.line);
  assert.deepEqual(byRule('RMP-DF-001'), [20]);
  assert.deepEqual(byRule('RMP-DF-002'), [3]);
  assert.deepEqual(byRule('RMP-DF-008'), [5, 6]);
  assert.deepEqual(scanDockerfile(read('secure.Dockerfile'), 'secure.Dockerfile', '.'), []);
  assert.deepEqual(scanDockerfile(read('windows.Dockerfile'), 'windows.Dockerfile', '.'), []);
});

test('broken Dockerfiles are errors with file and line', () => {
  assert.throws(
    () => parseDockerfile(read('unterminated-heredoc.Dockerfile'), 'unterminated-heredoc.Dockerfile'),
    (e: Error & { line?: number; file?: string }) =>
      e.line === 2 && e.file === 'unterminated-heredoc.Dockerfile' && /not terminated/.test(e.message),
  );
  assert.throws(
    () => parseDockerfile(read('unknown-instruction.Dockerfile'), 'unknown-instruction.Dockerfile'),
    (e: Error & { line?: number }) => e.line === 2 && /unknown instruction RUNN/.test(e.message),
  );
});

test('fuzz: random Dockerfile-like texts parse or fail with a located error, never crash', () => {
  let seed = 7;
  const rand = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const parts = [
    'FROM a:1',
    'RUN x',
    ' \\',
    '\n',
    '<<EOF',
    'EOF',
    '#',
    '# escape=`',
    '`',
    '["a"',
    ']',
    '--mount=x',
    'ENV A=$B',
    'ARG B',
    '${A:-',
    '}',
    'USER 0',
    ' ',
  ];
  for (let i = 0; i < 500; i++) {
    let text = '';
    for (let k = Math.floor(rand() * 20); k > 0; k--) text += parts[Math.floor(rand() * parts.length)];
    try {
      scanDockerfile(text, 'f', '.');
    } catch (e) {
      const err = e as { code?: string; line?: number };
      assert.equal(err.code, 'SCAN_CONFIG_PARSE', String(e));
      assert.ok(typeof err.line === 'number');
    }
  }
});
