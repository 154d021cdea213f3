import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';
import { detectSqlInjection } from './detect.js';
import { GENERIC, MYSQL, POSTGRES, SQLITE, type SqlDialect } from './dialect.js';

const DIALECTS: Record<string, SqlDialect> = { postgres: POSTGRES, mysql: MYSQL, sqlite: SQLITE, generic: GENERIC };

interface Case {
  dialect: string;
  template: string;
  input: string;
  attack: boolean;
}

const file = join(repoRoot(), 'packages/rasp/testdata/cases/sql.json');
const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases: Case[] };

test('SQL injection table: structure changes are attacks, data inside literals is not', () => {
  assert.ok(cases.length >= 30);
  for (const c of cases) {
    const query = c.template.replace('{}', () => c.input);
    const reason = detectSqlInjection(query, c.input, DIALECTS[c.dialect] as SqlDialect);
    assert.equal(
      reason !== undefined,
      c.attack,
      `${c.dialect}: ${query} (input ${JSON.stringify(c.input)}) → ${reason}`,
    );
  }
});

test('input absent from the query (parameterized) is never an attack', () => {
  assert.equal(detectSqlInjection('SELECT * FROM t WHERE name = $1', "x' OR '1'='1", POSTGRES), undefined);
  assert.equal(detectSqlInjection("SELECT * FROM t WHERE name = 'O''Brien'", "O'Brien", POSTGRES), undefined);
});

test('each occurrence is judged: a safe one does not hide an unsafe one', () => {
  const input = "a' OR 'x'='x";
  const query = `SELECT * FROM t WHERE a = '${input.replace(/'/g, "''")}' OR b = '${input}'`;
  assert.notEqual(detectSqlInjection(query, input, POSTGRES), undefined);
});
