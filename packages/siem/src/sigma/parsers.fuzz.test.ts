/** Property tests for the two parsers (Sigma strings, conditions): seeded random inputs never crash them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pick, seeded } from './testing/random.js';
import { parseCondition } from './condition.js';
import { ANY, normalizeParts, ONE, parseSigmaString } from './sigma-string.js';

const ALPHABET = ['a', 'b', '\\', '*', '?', ' ', '-', '/', 'é', '%'];

test('parseSigmaString: literal text survives, wildcards are only unescaped * and ?', () => {
  const rand = seeded(7);
  for (let i = 0; i < 3000; i++) {
    const s = Array.from({ length: Math.floor(rand() * 12) }, () => pick(rand, ALPHABET)).join('');
    const parts = normalizeParts(parseSigmaString(s));
    const rebuilt = parts.map((p) => (p === ANY ? '*' : p === ONE ? '?' : (p as string))).join('');
    // Dropping the escapes gives back the same characters (escaped \ * ? collapse to one character).
    const unescaped = s.replace(/\\([*?\\])/g, '$1');
    assert.equal(rebuilt.replace(/\*+/g, '*'), unescaped.replace(/\*+/g, '*'), JSON.stringify(s));
    const wildcards = parts.filter((p) => p === ANY || p === ONE).length;
    const unescapedWildcards = (s.replace(/\\[*?\\]/g, '').match(/[*?]/g) ?? []).length;
    assert.ok(wildcards <= unescapedWildcards, JSON.stringify(s));
  }
});

const TOKENS = ['a', 'b', 'sel_*', 'them', 'and', 'or', 'not', '(', ')', '1 of', 'all of', '|', 'x y'];

test('parseCondition: random token strings either parse or throw an Error with a message', () => {
  const rand = seeded(11);
  let parsed = 0;
  for (let i = 0; i < 5000; i++) {
    const text = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => pick(rand, TOKENS)).join(' ');
    try {
      parseCondition(text);
      parsed++;
    } catch (e) {
      assert.ok(e instanceof Error && e.message.length > 0, text);
    }
  }
  assert.ok(parsed > 100);
});
