import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectSqlInjection } from './detect.js';
import { GENERIC, MYSQL, POSTGRES, SQLITE } from './dialect.js';
import { tokenizeSql } from './tokenize.js';
import { seededRandom as rng } from '@rampart/core/testing';

const kinds = (sql: string, d = POSTGRES) => tokenizeSql(sql, d).map((t) => `${t.kind}:${sql.slice(t.start, t.end)}`);

test('tokenizes literals, identifiers, comments and parameters per dialect', () => {
  assert.deepEqual(kinds("SELECT 'it''s', \"col\", $1 -- c\n/* a /* nested */ b */ x"), [
    'word:SELECT',
    "string:'it''s'",
    'operator:,',
    'identifier:"col"',
    'operator:,',
    'parameter:$1',
    'comment:-- c',
    'comment:/* a /* nested */ b */',
    'word:x',
  ]);
  assert.deepEqual(kinds("SELECT 'a\\'b', \"s\", `id` # c", MYSQL), [
    'word:SELECT',
    "string:'a\\'b'",
    'operator:,',
    'string:"s"',
    'operator:,',
    'identifier:`id`',
    'comment:# c',
  ]);
  assert.deepEqual(kinds('SELECT [a b], ?1 FROM t', SQLITE), [
    'word:SELECT',
    'identifier:[a b]',
    'operator:,',
    'parameter:?1',
    'word:FROM',
    'word:t',
  ]);
  assert.deepEqual(kinds("x = $tag$ it's $$ $tag$ AND E'a\\'b'"), [
    'word:x',
    'operator:=',
    "string:$tag$ it's $$ $tag$",
    'word:AND',
    "string:E'a\\'b'",
  ]);
  assert.deepEqual(kinds("SELECT 'open"), ['word:SELECT', "unterminated:'open"]);
  assert.deepEqual(kinds('SELECT /* open'), ['word:SELECT', 'unterminated:/* open']);
});

const ALPHABET = 'abcXYZ019 \'"`$[]()-#/*\\;=,.?:\n\tE@';

test('property: random text tokenizes into ordered, non-overlapping tokens covering every non-blank character', () => {
  const random = rng(0x5eed);
  for (const dialect of [POSTGRES, MYSQL, SQLITE, GENERIC]) {
    for (let n = 0; n < 1500; n++) {
      let sql = '';
      const len = Math.floor(random() * 40);
      for (let i = 0; i < len; i++) sql += ALPHABET[Math.floor(random() * ALPHABET.length)];
      const tokens = tokenizeSql(sql, dialect);
      let pos = 0;
      for (const t of tokens) {
        assert.ok(t.start >= pos && t.end > t.start && t.end <= sql.length, `${dialect.name} ${JSON.stringify(sql)}`);
        assert.match(sql.slice(pos, t.start), /^\s*$/, `gap with content in ${JSON.stringify(sql)}`);
        pos = t.end;
      }
      assert.match(sql.slice(pos), /^\s*$/);
    }
  }
});

test('property: input quoted the standard way (doubled quotes) inside a literal is never an attack', () => {
  const random = rng(42);
  for (let n = 0; n < 2000; n++) {
    let input = '';
    const len = 2 + Math.floor(random() * 20);
    for (let i = 0; i < len; i++) input += ALPHABET[Math.floor(random() * ALPHABET.length)];
    if (input.includes('\\')) continue; // backslashes escape in MySQL literals: the app must escape them too
    const escaped = input.replace(/'/g, "''");
    for (const dialect of [POSTGRES, SQLITE]) {
      const query = `SELECT * FROM t WHERE a = '${escaped}' AND b = 1`;
      // The raw input occurs only when it had no quote; then it sits inside the literal.
      assert.equal(detectSqlInjection(query, input, dialect), undefined, JSON.stringify(input));
    }
  }
});
