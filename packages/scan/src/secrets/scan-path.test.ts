import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';
import { scanSecretsGitHistory } from './git-history.js';
import { scanSecretsPath } from './scan-path.js';

const TREE = join(repoRoot(), 'packages/scan/testdata/secrets/tree');

test('a folder: findings with file and line, masked; ignore file, inline allows and binaries honoured', async () => {
  const r = await scanSecretsPath(TREE);
  assert.deepEqual(r.findings.map((f) => [f.location?.path, f.location?.line, f.ruleId]).sort(), [
    ['app/.env', 2, 'generic-password'],
    ['app/config.yaml', 4, 'github-pat-classic'],
  ]);
  for (const f of r.findings) {
    assert.equal(f.kind, 'secret');
    assert.ok(String(f.data?.match).includes('****'));
    assert.ok(!JSON.stringify(f).includes('Vq3#pL9-xZ2!mK7w'), 'the secret value never appears in a finding');
  }
  const reasons = Object.fromEntries(r.skipped.map((s) => [s.path, s.reason]));
  assert.equal(reasons['ignored/'], 'ignored');
  assert.equal(reasons['docs/logo.dat'], 'binary');
  assert.equal(r.partial, false);
});

test('allowlists: paths, regexes, stopwords and rule IDs drop what they name', async () => {
  const byPath = await scanSecretsPath(TREE, { allowlist: { paths: ['app/*.yaml'] } });
  assert.deepEqual(
    byPath.findings.map((f) => f.ruleId),
    ['generic-password'],
  );
  const byRule = await scanSecretsPath(TREE, { allowlist: { rules: ['generic-password'], regexes: ['^ghp_Qm7'] } });
  assert.deepEqual(byRule.findings, []);
  const byWord = await scanSecretsPath(TREE, { allowlist: { stopwords: ['VQ3#'] } });
  assert.deepEqual(
    byWord.findings.map((f) => f.ruleId),
    ['github-pat-classic'],
  );
  await assert.rejects(scanSecretsPath(TREE, { allowlist: { regexes: ['('] } }), /allowlist regex is invalid/);
});

test('symlink loops are not followed, huge files are capped, a missing path is a clear input error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-secrets-'));
  try {
    mkdirSync(join(dir, 'a'));
    symlinkSync(dir, join(dir, 'a', 'loop'));
    writeFileSync(join(dir, 'a', 'big.txt'), `${'x'.repeat(2000)}\nDB_PASSWORD=Vq3#pL9-xZ2!mK7w\n`);
    const r = await scanSecretsPath(dir, { maxFileBytes: 1000 });
    assert.deepEqual(r.findings, []);
    assert.deepEqual(
      r.skipped.map((s) => [s.path, s.reason]),
      [
        ['a/big.txt', 'capped'],
        ['a/loop', 'symlink'],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await assert.rejects(scanSecretsPath('/nonexistent/rampart'), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'INPUT_NOT_FOUND');
    return true;
  });
});

test('--git: a secret added then deleted is found in history, with its commit and author date', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-git-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], {
      env: {
        ...process.env,
        GIT_AUTHOR_DATE: '2026-01-02T03:04:05Z',
        GIT_COMMITTER_DATE: '2026-01-02T03:04:05Z',
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.org',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.org',
      },
    })
      .toString()
      .trim();
  try {
    git('init', '-q');
    writeFileSync(join(dir, 'app.env'), 'A=1\nB=2\n');
    git('add', '.');
    git('commit', '-qm', 'one');
    writeFileSync(join(dir, 'app.env'), 'A=1\nB=2\nDB_PASSWORD=Vq3#pL9-xZ2!mK7w\n');
    git('commit', '-qam', 'two');
    const added = git('rev-parse', 'HEAD');
    writeFileSync(join(dir, 'app.env'), 'A=1\nB=2\n');
    git('commit', '-qam', 'three');
    const now = await scanSecretsPath(dir);
    assert.deepEqual(now.findings, []);
    const r = await scanSecretsGitHistory(dir);
    assert.equal(r.findings.length, 1);
    assert.deepEqual(r.findings[0]?.location, { path: 'app.env', line: 3, column: 13, commit: added });
    assert.equal(r.findings[0]?.data?.authorDate, '2026-01-02T03:04:05.000Z');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await assert.rejects(scanSecretsGitHistory(tmpdir()), /cannot read the history/);
});
