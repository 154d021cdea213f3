import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURE_RECORDS } from '../../db/test-helpers.js';
import { osvRecordProblem } from './validate.js';

test('every fixture record is a valid OSV record', () => {
  for (const name of readdirSync(FIXTURE_RECORDS).filter((n) => n.endsWith('.json'))) {
    assert.equal(osvRecordProblem(JSON.parse(readFileSync(join(FIXTURE_RECORDS, name), 'utf8'))), undefined, name);
  }
});

test('fuzz: records with a field replaced by another type are judged, never crash the validator', () => {
  const records = readdirSync(FIXTURE_RECORDS)
    .filter((n) => n.endsWith('.json'))
    .map((n) => readFileSync(join(FIXTURE_RECORDS, n), 'utf8'));
  const replacements: unknown[] = [null, 0, 'x', [], {}, [1], [{}], true];
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  let rejected = 0;
  for (let i = 0; i < 600; i++) {
    const doc = JSON.parse(records[i % records.length] as string) as Record<string, unknown>;
    let node: Record<string, unknown> = doc;
    for (let depth = 0; depth < 5; depth++) {
      const keys = Object.keys(node);
      const key = keys[Math.floor(rand() * keys.length)] as string;
      const child = node[key];
      if (typeof child !== 'object' || child === null || rand() < 0.35) {
        node[key] = replacements[Math.floor(rand() * replacements.length)];
        break;
      }
      node = child as Record<string, unknown>;
    }
    const problem = osvRecordProblem(doc);
    if (problem !== undefined) {
      rejected++;
      assert.equal(typeof problem, 'string');
    }
  }
  assert.ok(rejected > 100, `only ${rejected} of 600 damaged records were rejected`);
});
