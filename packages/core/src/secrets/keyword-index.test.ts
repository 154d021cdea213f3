import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeywordIndex } from './keyword-index.js';

/** xorshift32: seeded, so a failure reproduces. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

function naive(keywordsByRule: string[][], text: string): Map<number, number[]> {
  const lower = text.toLowerCase();
  const out = new Map<number, number[]>();
  const ends = new Map<number, Set<number>>();
  keywordsByRule.forEach((kws, rule) => {
    for (const k of kws) {
      for (let i = lower.indexOf(k); i !== -1; i = lower.indexOf(k, i + 1)) {
        let s = ends.get(rule);
        if (s === undefined) {
          s = new Set();
          ends.set(rule, s);
        }
        s.add(i + k.length);
      }
    }
  });
  for (const [rule, s] of ends)
    out.set(
      rule,
      [...s].sort((a, b) => a - b),
    );
  return out;
}

test('the automaton finds exactly the keyword ends a naive search finds (seeded random keywords and texts)', () => {
  const rand = prng(6);
  const alphabet = 'abAB_-c.';
  const word = (min: number, max: number) => {
    let s = '';
    const n = min + Math.floor(rand() * (max - min + 1));
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
    return s;
  };
  for (let round = 0; round < 300; round++) {
    const rules = Array.from({ length: 1 + Math.floor(rand() * 6) }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 3) }, () => word(1, 4).toLowerCase()),
    );
    const text = word(0, 200) + (rand() < 0.3 ? 'ñ€' : '') + word(0, 50);
    const got = new KeywordIndex(rules).scan(text).byRule;
    const want = naive(rules, text);
    // A rule with one keyword being a suffix of another may report an end once per keyword; compare as sets.
    const norm = (m: Map<number, number[]>) =>
      [...m.entries()]
        .map(([r, e]) => [r, [...new Set(e)].sort((a, b) => a - b)])
        .sort((a, b) => (a[0] as number) - (b[0] as number));
    assert.deepEqual(norm(got), norm(want), `rules=${JSON.stringify(rules)} text=${JSON.stringify(text)}`);
  }
});

test('matching is case-insensitive for ASCII and resets on non-ASCII characters', () => {
  const idx = new KeywordIndex([['ghp_'], ['begin rsa']]);
  assert.deepEqual([...idx.scan('x GHP_abc -----BEGIN RSA').byRule.keys()].sort(), [0, 1]);
  assert.equal(idx.scan('gh\u00e9p_').byRule.size, 0);
});

test('a non-ASCII keyword is refused when the index is built', () => {
  assert.throws(() => new KeywordIndex([['cl\u00e9']]), /must be ASCII/);
});
