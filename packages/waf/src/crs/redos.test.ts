/**
 * ReDoS check: every @rx of the CRS rule files, as translated, against adversarial inputs (long runs of the
 * characters the pattern itself uses, with a breaking suffix), each regex within a time budget. Bounded: 4 inputs of
 * 4 KiB per regex.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedData } from '@rampart/core/testing';
import { lexSecLang } from '../seclang/lexer.js';
import { compilePcre } from '../pcre/translate.js';

const crs = sharedData('crs');
// CPU time (not wall time: the machine may be shared) for 16 KiB of adversarial input. Catastrophic backtracking
// takes seconds to minutes here (it did, before the linear-engine fallback); a sound regex takes milliseconds.
const BUDGET_MS = 1000;

function adversarialInputs(pattern: string): string[] {
  const chars = [...new Set(pattern.replace(/\\[sdwbx]|[()[\]{}?*+|^$\\]/g, '').split(''))].join('') || 'a';
  const run = (s: string) => s.repeat(Math.ceil(4096 / s.length)).slice(0, 4096);
  return [run(chars), `${run(' ')}!`, `${run('a1')}\u0000`, run(`${chars}\t\n`)];
}

test('every translated CRS regex stays within its time budget on adversarial input', { skip: crs.skip }, () => {
  const dir = join(crs.path, 'crs', 'rules');
  const slow: string[] = [];
  let count = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.conf'))) {
    for (const d of lexSecLang(readFileSync(join(dir, f), 'latin1'), f)) {
      if (d.name !== 'SecRule') continue;
      const m = /^!?@rx\s+([\s\S]*)$/.exec(d.args[1] ?? '');
      if (m === null) continue;
      const re = compilePcre(m[1] as string);
      count++;
      const start = process.cpuUsage();
      for (const input of adversarialInputs(m[1] as string)) re.test(input);
      const used = process.cpuUsage(start);
      const ms = (used.user + used.system) / 1000;
      if (ms > BUDGET_MS) slow.push(`${f}:${d.line} (${ms.toFixed(0)} ms)`);
    }
  }
  assert.ok(count > 250, `only ${count} regexes found`);
  assert.deepEqual(slow, []);
});
