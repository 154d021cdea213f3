#!/usr/bin/env node
// Runs every compiled test (packages/*/dist/**/*.test.js) on Node's built-in runner. Arguments narrow the run to paths
// containing them: `npm test -- packages/core` or `npm test -- sinks`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
}

const files = [];
for (const pkg of readdirSync(join(root, 'packages'))) walk(join(root, 'packages', pkg, 'dist'), files);
const selected = files
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (selected.length === 0) {
  console.error(`no test files matched ${filters.join(' ') || '(all)'}`);
  process.exit(1);
}
const args = [
  '--test',
  `--test-concurrency=${Math.max(2, availableParallelism())}`,
  // Generous: on a new machine the first scan tests build their caches (debootstrap image, npm tree, Trivy) in-file.
  '--test-timeout=900000',
  ...selected,
];
const r = spawnSync(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, RAMPART_REPO_ROOT: root },
});
process.exit(r.status ?? 1);
