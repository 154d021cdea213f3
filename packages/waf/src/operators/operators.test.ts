/** Every operator against its table of cases (testdata/operators/cases.json), Coraza-style. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';
import type { MatchContext } from './operator.js';
import { OPERATORS } from './index.js';

interface Case {
  op: string;
  arg: string;
  input: string;
  match: boolean;
}

const cases = JSON.parse(
  readFileSync(join(repoRoot(), 'packages/waf/testdata/operators/cases.json'), 'utf8'),
) as Case[];

function context(): MatchContext & { captures: string[] } {
  const captures: string[] = [];
  return {
    capturing: true,
    captures,
    setCapture: (i, v) => {
      captures[i] = v;
    },
    resolveMacroVariable: () => '',
  };
}

for (const c of cases) {
  test(`@${c.op} ${JSON.stringify(c.arg)} on ${JSON.stringify(c.input)} → ${c.match}`, () => {
    const factory = OPERATORS.get(c.op.toLowerCase());
    assert.ok(factory, `operator @${c.op} is registered`);
    const op = factory(c.arg, { ruleId: 1, readDataFile: () => '' });
    assert.equal(op.match(c.input, context()), c.match);
  });
}

test('@rx with capture sets TX.0 and the groups', () => {
  const op = (OPERATORS.get('rx') as NonNullable<ReturnType<typeof OPERATORS.get>>)('(\\d+)-(\\d+)', {
    ruleId: 1,
    readDataFile: () => '',
  });
  const ctx = context();
  assert.equal(op.match('id 12-34', ctx), true);
  assert.deepEqual(ctx.captures.slice(0, 3), ['12-34', '12', '34']);
});

test('@pmFromFile reads phrases from a data file, skipping comments', () => {
  const op = (OPERATORS.get('pmfromfile') as NonNullable<ReturnType<typeof OPERATORS.get>>)('words.data', {
    ruleId: 1,
    readDataFile: (name) => (name === 'words.data' ? '# comment\nnikto\n\nsqlmap\r\n' : ''),
  });
  assert.equal(op.match('Mozilla sqlmap/1.0', context()), true);
  assert.equal(op.match('# comment', context()), false);
});

test('an operator with a bad argument is rejected with a reason', () => {
  const factory = OPERATORS.get('validatebyterange') as NonNullable<ReturnType<typeof OPERATORS.get>>;
  assert.throws(() => factory('1-999', { ruleId: 7, readDataFile: () => '' }), /outside 0-255/);
  const rx = OPERATORS.get('rx') as NonNullable<ReturnType<typeof OPERATORS.get>>;
  assert.throws(() => rx('a++b', { ruleId: 7, readDataFile: () => '' }), /possessive/);
});
