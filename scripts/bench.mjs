#!/usr/bin/env node
// `npm run bench -- NAME [args]` runs bench/NAME.mjs (or bench/NAME/index.mjs). See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [name, ...rest] = process.argv.slice(2);
const benchDir = join(root, 'bench');
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.mjs') || existsSync(join(benchDir, f, 'index.mjs')))
  .map((f) => f.replace(/\.mjs$/, ''));
if (name === undefined) {
  console.error(`usage: npm run bench -- NAME\navailable: ${available.join(', ') || '(none yet)'}`);
  process.exit(2);
}
const candidates = [join(benchDir, `${name}.mjs`), join(benchDir, name, 'index.mjs')];
const script = candidates.find((c) => existsSync(c));
if (script === undefined) {
  console.error(`no benchmark named "${name}"; available: ${available.join(', ') || '(none yet)'}`);
  process.exit(2);
}
const r = spawnSync(process.execPath, [script, ...rest], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
