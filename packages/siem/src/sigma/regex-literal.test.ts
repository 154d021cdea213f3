/**
 * A regex's necessary literal must occur (lower-cased) in every value the regex matches, or the index would hide
 * matches: examples, then a seeded property test over generated regexes and strings.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { necessaryLiteral, necessaryLiterals } from './regex-literal.js';
import { pick, seeded } from './testing/random.js';

test('necessary literals of typical Sigma regexes', () => {
  assert.equal(necessaryLiteral(/.+:assumed-role\/aws:.+/), ':assumed-role/aws:');
  assert.equal(necessaryLiteral(/^\/api\/v[0-9]+\/users$/), '/api/v');
  assert.equal(necessaryLiteral(/abc?d/), 'ab');
  assert.equal(necessaryLiteral(/x{2,3}yz/), 'yz');
  assert.equal(necessaryLiteral(/\x41bcdef/), undefined, 'the hex digits belong to the escape');
  assert.equal(necessaryLiteral(/foo|barbaz/), undefined, 'a top-level alternative has no necessary literal');
  assert.equal(necessaryLiteral(/(?:foo|bar)tail/), 'tail');
  assert.equal(necessaryLiteral(/[a-z]+\.exe/i), '.exe');
  assert.equal(necessaryLiteral(/sé/), 's', 'non-ASCII characters end a run');
  assert.equal(necessaryLiteral(/a/u), undefined, 'unicode regexes are not read');
});

test('one necessary literal per top-level alternative', () => {
  assert.deepEqual(necessaryLiterals(/-[a-z0-9]{3}\.[a-z0-9-]{3,}-s-account\.workers\.dev|\.up\.railway\.app/), [
    '-s-account.workers.dev',
    '.up.railway.app',
  ]);
  assert.deepEqual(necessaryLiterals(/(a|b)cd|ef[|]/), ['cd', 'ef']);
  assert.equal(necessaryLiterals(/abc|.*/), undefined, 'an alternative without a literal gives up');
});

const PIECES = [
  'a',
  'b',
  'Ab',
  '.',
  '\\.',
  '[ab]',
  '(a|b)',
  'c?',
  'd*',
  'a+',
  'x{1,2}',
  '\\d',
  '\\w+',
  '^',
  '$',
  '-',
  '/',
  '(?:ab)?',
];
const ALPHABET = ['a', 'b', 'A', 'B', 'c', 'd', 'x', '.', '-', '/', '1'];

test('every match of a generated regex contains its necessary literal (seeded property test)', () => {
  const rand = seeded(20261123);
  let checked = 0;
  for (let i = 0; i < 400; i++) {
    const branch = () => Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pick(rand, PIECES)).join('');
    const src = rand() < 0.3 ? `${branch()}|${branch()}` : branch();
    const re = new RegExp(src, rand() < 0.5 ? 'i' : '');
    const literals = necessaryLiterals(re);
    if (literals === undefined) continue;
    for (let k = 0; k < 200; k++) {
      const s = Array.from({ length: Math.floor(rand() * 8) }, () => pick(rand, ALPHABET)).join('');
      if (re.test(s)) {
        checked++;
        const low = s.toLowerCase();
        assert.ok(
          literals.some((l) => low.includes(l.toLowerCase())),
          `${re} matches ${s} without any of ${literals}`,
        );
      }
    }
  }
  assert.ok(checked > 500, 'the generated regexes do match');
});
