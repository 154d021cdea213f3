/** Every modifier and condition form against hand-checked events (testdata/sigma/*-cases.yml). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectorFor, pipelineWith, readYaml } from './testing/sigma-fixtures.js';

interface ModifierCase {
  name: string;
  detection: Record<string, unknown>;
  pipeline?: { placeholders?: Record<string, string[]> };
  match: Record<string, unknown>[];
  nomatch: Record<string, unknown>[];
}

for (const c of readYaml<ModifierCase[]>('sigma', 'modifier-cases.yml')) {
  test(`modifier: ${c.name}`, () => {
    const d = detectorFor(c.detection, c.pipeline === undefined ? undefined : pipelineWith(c.pipeline));
    for (const e of c.match) assert.equal(d.match(e).length, 1, `should match ${JSON.stringify(e)}`);
    for (const e of c.nomatch) assert.equal(d.match(e).length, 0, `should not match ${JSON.stringify(e)}`);
  });
}

interface ConditionCases {
  detection: Record<string, unknown>;
  cases: { condition: string | string[]; true: string[][]; false: string[][] }[];
  errors: string[];
}

const conditions = readYaml<ConditionCases>('sigma', 'condition-cases.yml');
const eventWith = (ids: string[]) => {
  const fields: Record<string, string> = {};
  for (const [name, body] of Object.entries(conditions.detection)) {
    const field = Object.keys(body as object)[0] as string;
    fields[field] = ids.includes(name) ? 'y' : 'n';
  }
  return fields;
};

for (const c of conditions.cases) {
  test(`condition: ${JSON.stringify(c.condition)}`, () => {
    const d = detectorFor({ ...conditions.detection, condition: c.condition });
    for (const ids of c.true) assert.equal(d.match(eventWith(ids)).length, 1, `true with ${ids.join(',') || 'none'}`);
    for (const ids of c.false) assert.equal(d.match(eventWith(ids)).length, 0, `false with ${ids.join(',') || 'none'}`);
  });
}

test('conditions that cannot be read are load errors naming the problem', () => {
  for (const condition of conditions.errors) {
    assert.throws(
      () => detectorFor({ ...conditions.detection, condition }),
      /condition|identifier|aggregation|quantifier/,
      condition,
    );
  }
});
