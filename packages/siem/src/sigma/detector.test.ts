/**
 * The detector's indexes (logsource, literal key values) must never change what matches: property test against running
 * every rule on every event, over seeded random rules and events.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { pick, seeded } from './testing/random.js';
import { EventView } from './event-view.js';
import { compileRule } from './compile-rule.js';
import { compileDetector } from './detector.js';
import { loadSigmaRules } from './loader.js';
import { EMPTY_PIPELINE } from './pipeline.js';

const FIELDS = ['verb', 'user', 'path', 'code'];
const VALUES = ['create', 'delete', 'get', 'alice', 'bob', '/api/x', '/admin', '200', '403'];
const MODS = ['', '|contains', '|startswith', '|endswith', '|neq', '|re'];
const PRODUCTS = [undefined, 'kubernetes', 'aws'];

function randomRule(rand: () => number, i: number): string {
  const sel = () => {
    const m: Record<string, unknown> = {};
    const n = 1 + Math.floor(rand() * 2);
    for (let k = 0; k < n; k++) {
      const mod = pick(rand, MODS);
      const vals = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(rand, VALUES));
      m[`${pick(rand, FIELDS)}${mod}`] = mod === '|re' ? `^${vals[0]}` : vals.length === 1 ? vals[0] : vals;
    }
    return m;
  };
  const condition = pick(rand, ['a', 'a and b', 'a or b', 'a and not b', '1 of them', 'all of them', 'not (a or b)']);
  const product = pick(rand, PRODUCTS);
  return stringify({
    title: `r${i}`,
    id: `r${i}`,
    logsource: product === undefined ? {} : { product },
    detection: { a: sel(), b: sel(), condition },
  });
}

test('indexed matching equals brute-force matching (seeded property test)', () => {
  const rand = seeded(20261123);
  const texts = Array.from({ length: 150 }, (_, i) => `${randomRule(rand, i)}\n`);
  const loaded = loadSigmaRules(texts);
  assert.deepEqual(loaded.errors, []);
  const d = compileDetector(loaded.rules);
  const compiled = loaded.rules.map((r) => compileRule(r, EMPTY_PIPELINE));
  let matched = 0;
  for (let i = 0; i < 2000; i++) {
    const event: Record<string, unknown> = {};
    for (const f of FIELDS)
      if (rand() < 0.7) event[f] = rand() < 0.2 ? [pick(rand, VALUES), pick(rand, VALUES)] : pick(rand, VALUES);
    const product = pick(rand, PRODUCTS);
    const ls = product === undefined ? undefined : { product };
    const view = new EventView(event);
    const expected = compiled
      .filter((c) => ls === undefined || c.rule.logsource.product === undefined || c.rule.logsource.product === product)
      .filter((c) => c.variants.some((v) => v.test(view)))
      .map((c) => c.rule.id)
      .sort();
    const got = d
      .match(event, ls)
      .map((m) => m.rule.id)
      .sort();
    assert.deepEqual(got, expected, JSON.stringify({ event, ls }));
    matched += got.length;
  }
  assert.ok(matched > 100, 'the generated rules do match sometimes');
  assert.ok(d.stats().unindexed < 150, 'some rules are indexed');
});

test('an event meets only the rules of its logsource', () => {
  const r = loadSigmaRules([
    'title: k\nid: k\nlogsource: {product: kubernetes, service: audit}\ndetection: {s: {verb: create}, condition: s}\n',
    'title: a\nid: a\nlogsource: {product: aws, service: cloudtrail}\ndetection: {s: {verb: create}, condition: s}\n',
    'title: g\nid: g\nlogsource: {category: application}\ndetection: {s: {verb: create}, condition: s}\n',
  ]);
  const d = compileDetector(r.rules);
  const ids = (ls?: Record<string, string>) =>
    d
      .match({ verb: 'create' }, ls)
      .map((m) => m.rule.id)
      .sort();
  assert.deepEqual(ids(), ['a', 'g', 'k']);
  // A key only one side names does not exclude, but a rule needs one of its keys confirmed.
  assert.deepEqual(ids({ product: 'kubernetes', service: 'audit' }), ['k']);
  assert.deepEqual(ids({ product: 'kubernetes', service: 'audit', category: 'application' }), ['g', 'k']);
  assert.deepEqual(ids({ product: 'aws', service: 'cloudtrail', category: 'other' }), ['a']);
  assert.deepEqual(ids({ category: 'application' }), ['g'], 'a rule naming a product needs it confirmed');
});
