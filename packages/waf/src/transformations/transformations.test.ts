/** Every transformation against its table of cases (testdata/transformations/cases.json). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';
import { TRANSFORMATIONS } from './index.js';

interface Case {
  t: string;
  input: string;
  output?: string;
  output_hex?: string;
}

const cases = JSON.parse(
  readFileSync(join(repoRoot(), 'packages/waf/testdata/transformations/cases.json'), 'utf8'),
) as Case[];

for (const c of cases) {
  test(`t:${c.t} ${JSON.stringify(c.input)}`, () => {
    const fn = TRANSFORMATIONS.get(c.t.toLowerCase());
    assert.ok(fn, `t:${c.t} is registered`);
    const out = fn(c.input);
    if (c.output_hex !== undefined) assert.equal(Buffer.from(out, 'latin1').toString('hex'), c.output_hex);
    else assert.equal(out, c.output);
  });
}

test('every transformation CRS uses is registered', () => {
  for (const t of [
    'base64decode',
    'cmdline',
    'compresswhitespace',
    'cssdecode',
    'escapeseqdecode',
    'hexencode',
    'htmlentitydecode',
    'jsdecode',
    'length',
    'lowercase',
    'normalizepath',
    'normalizepathwin',
    'removecommentschar',
    'removenulls',
    'removewhitespace',
    'replacecomments',
    'sha1',
    'urldecodeuni',
    'utf8tounicode',
  ])
    assert.ok(TRANSFORMATIONS.has(t), t);
});
