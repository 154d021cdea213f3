import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findSecrets } from './find.js';
import { SECRET_RULES } from './rules/index.js';

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

test('at least 100 rules, unique IDs, global regexes, ASCII lower-case keywords', () => {
  assert.ok(SECRET_RULES.length >= 100, `${SECRET_RULES.length} rules`);
  assert.equal(new Set(SECRET_RULES.map((r) => r.id)).size, SECRET_RULES.length);
  for (const r of SECRET_RULES) {
    assert.ok(r.pattern.global, r.id);
    assert.ok(r.keywords.length > 0, r.id);
    for (const k of r.keywords) assert.match(k, /^[\x20-\x7e]+$/, r.id);
  }
});

test('no rule regex has a quantified group that itself holds an unbounded quantifier (catastrophic backtracking)', () => {
  // `(a+)+`, `(\w*x)*`, `(...+){2,}`: the classic exponential shapes.
  const nested = /\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\})/;
  for (const r of SECRET_RULES) assert.doesNotMatch(r.pattern.source, nested, r.id);
});

test('adversarial inputs (long runs that almost match every rule) finish and find nothing', () => {
  const near = [
    'a'.repeat(200_000),
    'ghp_'.repeat(50_000),
    '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(5_000) + 'A'.repeat(20_000),
    'password='.repeat(20_000),
    `password: "${'x'.repeat(100_000)}`,
    'postgres://'.repeat(10_000) + 'u:'.repeat(10_000),
    `${'xoxb-1234567890-'.repeat(10_000)}`,
    `eyJ${'A'.repeat(50_000)}.eyJ${'B'.repeat(50_000)}.`,
    `${'dd:\n  x: 1\n'.repeat(10_000)}`,
    `${'Zm9v'.repeat(50_000)}\nkind: Secret`,
  ];
  for (const text of near) {
    const found = findSecrets(text);
    for (const f of found) assert.equal(text.slice(f.start, f.end), f.secret);
  }
});

test('fuzz: random texts built from rule fragments never throw, and every match is consistent', () => {
  const rand = prng(42);
  const fragments = [
    'ghp_',
    'AKIA',
    'password',
    ': ',
    '=',
    '"',
    "'",
    '\n',
    ' ',
    'xoxb-',
    '-----BEGIN PRIVATE KEY-----',
    '-----END PRIVATE KEY-----',
    'postgres://',
    ':',
    '@',
    'kind: Secret',
    'Basic ',
    'eyJ',
    '.',
    'sk_live_',
    'dd:',
    '  app_key: ',
    '\u00e9',
    '\u{1F600}',
    'Zm9vOmJhcg==',
    'aGVsbG8gd29ybGQ=',
    'token',
    '${',
    '}}',
  ];
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-~.';
  for (let round = 0; round < 400; round++) {
    let text = '';
    const parts = Math.floor(rand() * 60);
    for (let i = 0; i < parts; i++) {
      if (rand() < 0.5) text += fragments[Math.floor(rand() * fragments.length)];
      else for (let j = Math.floor(rand() * 48); j > 0; j--) text += chars[Math.floor(rand() * chars.length)];
    }
    const found = findSecrets(text);
    let lastEnd = -1;
    for (const f of found) {
      assert.equal(text.slice(f.start, f.end), f.secret);
      assert.ok(f.start >= lastEnd, 'matches do not overlap');
      lastEnd = f.end;
      const before = text.slice(0, f.start);
      assert.equal(f.line, before.split('\n').length);
      assert.equal(f.column, f.start - before.lastIndexOf('\n'));
    }
  }
});
