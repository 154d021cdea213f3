/** PCRE → JS translation: exact where ModSecurity's semantics differ from JS, deliberate rejection elsewhere. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requiredLiterals } from './prefilter.js';
import { PcreError, compilePcre, translatePcre } from './translate.js';

test('inline flags become JS flags or hand-expanded case', () => {
  assert.equal(translatePcre('(?i)abc').flags, '');
  assert.equal(translatePcre('(?i)abc').source, '[aA][bB][cC]');
  assert.equal(compilePcre('(?s)a.b').test('a\nb'), true);
  assert.equal(compilePcre('a.b').test('a\nb'), false);
  assert.equal(compilePcre('^(?i)up').test('UPx'), true);
  assert.equal(compilePcre('^(?i)up').test('xUP'), false);
});

test('constructs JS cannot express the same way are rejected with a reason', () => {
  for (const p of ['a*+', 'a++', '(?>ab)', 'a\\Gb', '\\K', 'a{2}+', '\\p{L}']) {
    assert.throws(() => compilePcre(p), PcreError, p);
  }
});

test('the literal prefilter never rejects an input the regex matches', () => {
  const patterns = ['(?i)union\\s+select', 'foo(?:bar|baz)+qux', 'a?bc', '(?:x|y)z', '(?i:ab|cd)e', 'a[bc]d'];
  const inputs = ['UNION  SELECT', 'foobarbazqux', 'bc', 'xz', 'CDE', 'abd', 'none', 'fooqux'];
  for (const p of patterns) {
    const re = compilePcre(p);
    const pf = requiredLiterals(p);
    for (const s of inputs) if (re.test(s)) assert.ok(pf === undefined || pf.mayMatch(s), `${p} on ${s}`);
  }
  assert.deepEqual(requiredLiterals('(?i)union\\s+select')?.literals, ['select']);
  assert.equal(requiredLiterals('a|b?')?.literals, undefined);
});
