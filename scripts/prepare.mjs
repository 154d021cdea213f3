#!/usr/bin/env node
// `npm ci` / `npm install` build the workspace (so `npx rampart` works right after). RAMPART_SKIP_PREPARE=1 skips it,
// for adding a dependency while another package is mid-edit.
import { spawnSync } from 'node:child_process';

if (process.env.RAMPART_SKIP_PREPARE === '1') process.exit(0);
const r = spawnSync('npx', ['tsc', '-b'], { stdio: 'inherit', cwd: new URL('..', import.meta.url).pathname });
process.exit(r.status ?? 1);
