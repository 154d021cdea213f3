/** Correlation rules driven by timed event streams, one test per type, plus chaining, aliases, bounds and expiry. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSigmaRules } from '../sigma/loader.js';
import type { SigmaRule } from '../sigma/types.js';
import { createCorrelator } from './correlator.js';
import type { CorrelationRule } from './types.js';

const MIN = 60_000;
const T0 = Date.parse('2026-11-23T10:00:00Z');

function load(yaml: string): { rules: Map<string, SigmaRule>; correlations: CorrelationRule[] } {
  const r = loadSigmaRules(`${yaml}\n`);
  assert.deepEqual(r.errors, []);
  return { rules: new Map(r.rules.map((x) => [x.name ?? x.id, x])), correlations: r.correlations };
}

const base = (name: string) =>
  `title: ${name}\nid: ${name}-id\nname: ${name}\nlogsource: {product: test}\ndetection: {s: {x: 1}, condition: s}`;

function correlation(type: string, rules: string[], extra: string): string {
  return `title: c\nid: corr\ncorrelation:\n  type: ${type}\n  rules: [${rules.join(', ')}]\n${extra}`;
}

test('event_count: fires at the 10th failed login of one user within 10 minutes, then starts over', () => {
  const { rules, correlations } = load(
    [
      base('failed'),
      correlation('event_count', ['failed'], '  group-by: [User]\n  timespan: 10m\n  condition: {gte: 10}'),
    ].join('\n---\n'),
  );
  const c = createCorrelator(correlations);
  const failed = { rule: rules.get('failed') as SigmaRule };
  const fired: number[] = [];
  // bob: one failure a minute for 9 minutes, alice in between, then bob's 10th at minute 9.
  for (let i = 0; i < 10; i++) {
    if (i < 9) assert.deepEqual(c.observe(failed, { User: 'alice', id: `a${i}` }, T0 + i * MIN + 1), []);
    const alerts = c.observe(failed, { User: 'bob', id: `b${i}` }, T0 + i * MIN);
    if (alerts.length > 0) fired.push(i);
    if (i === 9) {
      assert.equal(alerts[0]?.value, 10);
      assert.deepEqual(alerts[0]?.group, { User: 'bob' });
      assert.equal(alerts[0]?.eventIds.length, 10);
      assert.equal(alerts[0]?.firstMs, T0);
    }
  }
  assert.deepEqual(fired, [9]);
  // alice has 9 (minutes 0..8); at minute 11 the one of minute 0 has left the window: 9 again, the next one is the 10th.
  assert.equal(c.observe(failed, { User: 'alice' }, T0 + 11 * MIN).length, 0);
  assert.equal(c.observe(failed, { User: 'alice' }, T0 + 11 * MIN).length, 1);
});

test('event_count: events spread wider than the timespan never fire', () => {
  const { rules, correlations } = load(
    [
      base('failed'),
      correlation('event_count', ['failed'], '  group-by: [User]\n  timespan: 5m\n  condition: {gte: 3}'),
    ].join('\n---\n'),
  );
  const c = createCorrelator(correlations);
  const m = { rule: rules.get('failed') as SigmaRule };
  for (let i = 0; i < 20; i++) assert.deepEqual(c.observe(m, { User: 'bob' }, T0 + i * 3 * MIN), []);
});

test('value_count: 3 distinct users on one computer within an hour', () => {
  const { rules, correlations } = load(
    [
      base('logon'),
      correlation(
        'value_count',
        ['logon'],
        '  group-by: [ComputerName]\n  timespan: 1h\n  condition: {field: User, gte: 3}',
      ),
    ].join('\n---\n'),
  );
  const c = createCorrelator(correlations);
  const m = { rule: rules.get('logon') as SigmaRule };
  assert.equal(c.observe(m, { ComputerName: 'pc1', User: 'a' }, T0).length, 0);
  assert.equal(c.observe(m, { ComputerName: 'pc1', User: 'a' }, T0 + MIN).length, 0);
  assert.equal(c.observe(m, { ComputerName: 'pc2', User: 'b' }, T0 + MIN).length, 0);
  assert.equal(c.observe(m, { ComputerName: 'pc1', User: 'b' }, T0 + 2 * MIN).length, 0);
  const alerts = c.observe(m, { ComputerName: 'pc1', User: 'c' }, T0 + 3 * MIN);
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]?.value, 3);
});

test('temporal: all three recon commands by one user within 5 minutes, in any order', () => {
  const { rules, correlations } = load(
    [
      base('a'),
      base('b'),
      base('c'),
      correlation('temporal', ['a', 'b', 'c'], '  group-by: [User]\n  timespan: 5m'),
    ].join('\n---\n'),
  );
  const c = createCorrelator(correlations);
  const m = (n: string) => ({ rule: rules.get(n) as SigmaRule });
  assert.equal(c.observe(m('c'), { User: 'u' }, T0).length, 0);
  assert.equal(c.observe(m('a'), { User: 'u' }, T0 + MIN).length, 0);
  assert.equal(c.observe(m('b'), { User: 'other' }, T0 + 2 * MIN).length, 0);
  assert.equal(c.observe(m('b'), { User: 'u' }, T0 + 3 * MIN).length, 1);
  // Too slow: c at 0, a at 1, b at 7 minutes.
  assert.equal(c.observe(m('c'), { User: 'v' }, T0).length, 0);
  assert.equal(c.observe(m('a'), { User: 'v' }, T0 + MIN).length, 0);
  assert.equal(c.observe(m('b'), { User: 'v' }, T0 + 7 * MIN).length, 0);
});

test('temporal_ordered: a then b then c fires; c, b, a does not', () => {
  const { rules, correlations } = load(
    [
      base('a'),
      base('b'),
      base('c'),
      correlation('temporal_ordered', ['a', 'b', 'c'], '  group-by: [User]\n  timespan: 5m'),
    ].join('\n---\n'),
  );
  const c = createCorrelator(correlations);
  const m = (n: string) => ({ rule: rules.get(n) as SigmaRule });
  for (const [i, n] of ['c', 'b', 'a'].entries())
    assert.equal(c.observe(m(n), { User: 'rev' }, T0 + i * MIN).length, 0);
  assert.equal(c.observe(m('a'), { User: 'ok' }, T0).length, 0);
  assert.equal(c.observe(m('c'), { User: 'ok' }, T0 + MIN).length, 0);
  assert.equal(c.observe(m('b'), { User: 'ok' }, T0 + 2 * MIN).length, 0);
  assert.equal(c.observe(m('c'), { User: 'ok' }, T0 + 3 * MIN).length, 1);
});

test('value_sum and value_avg over bytes sent', () => {
  const { rules, correlations } = load(
    [
      base('web'),
      correlation(
        'value_sum',
        ['web'],
        '  group-by: [SourceIP]\n  timespan: 1h\n  condition: {field: bytes_sent, gt: 1000}',
      ),
      correlation(
        'value_avg',
        ['web'],
        '  group-by: [SourceIP]\n  timespan: 1h\n  condition: {field: bytes_sent, gt: 500}',
      ).replace('id: corr', 'id: corr-avg'),
    ].join('\n---\n'),
  );
  const c = createCorrelator(correlations);
  const m = { rule: rules.get('web') as SigmaRule };
  assert.deepEqual(c.observe(m, { SourceIP: '10.0.0.1', bytes_sent: 400 }, T0), []);
  assert.deepEqual(c.observe(m, { SourceIP: '10.0.0.1', bytes_sent: '500' }, T0 + MIN), []);
  const alerts = c.observe(m, { SourceIP: '10.0.0.1', bytes_sent: 900 }, T0 + 2 * MIN);
  assert.deepEqual(
    alerts.map((a) => [a.rule.id, a.value]),
    [
      ['corr', 1800],
      ['corr-avg', 600],
    ],
  );
});

test('value_percentile: a value seen in at most 1% of the group events', () => {
  const { rules, correlations } = load(
    [
      base('proc'),
      correlation(
        'value_percentile',
        ['proc'],
        '  group-by: [ComputerName]\n  timespan: 24h\n  condition: {field: Image, lte: 1}',
      ),
    ].join('\n---\n'),
  );
  const c = createCorrelator(correlations);
  const m = { rule: rules.get('proc') as SigmaRule };
  let early = 0;
  for (let i = 0; i < 199; i++)
    early += c.observe(m, { ComputerName: 'pc', Image: 'svchost.exe' }, T0 + i * 1000).length;
  assert.equal(early, 0);
  const alerts = c.observe(m, { ComputerName: 'pc', Image: 'rare.exe' }, T0 + 200_000);
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]?.value, 0.5);
});

test('aliases: one group-by name maps to a different field per rule', () => {
  const { rules, correlations } = load(
    [
      base('waf_detect'),
      base('allowed'),
      correlation(
        'temporal_ordered',
        ['waf_detect', 'allowed'],
        '  group-by: [ip]\n  timespan: 10m\n  aliases:\n    ip:\n      waf_detect: source.ip\n      allowed: client.ip',
      ),
    ].join('\n---\n'),
  );
  const c = createCorrelator(correlations);
  assert.equal(c.observe({ rule: rules.get('waf_detect') as SigmaRule }, { source: { ip: '1.2.3.4' } }, T0).length, 0);
  assert.equal(
    c.observe({ rule: rules.get('allowed') as SigmaRule }, { client: { ip: '9.9.9.9' } }, T0 + MIN).length,
    0,
  );
  const alerts = c.observe({ rule: rules.get('allowed') as SigmaRule }, { client: { ip: '1.2.3.4' } }, T0 + 2 * MIN);
  assert.deepEqual(alerts[0]?.group, { ip: '1.2.3.4' });
});

test('bounded memory: groups beyond maxKeys are dropped, expire() empties old windows', () => {
  const { rules, correlations } = load(
    [base('x'), correlation('event_count', ['x'], '  group-by: [k]\n  timespan: 1m\n  condition: {gte: 5}')].join(
      '\n---\n',
    ),
  );
  const c = createCorrelator(correlations, { maxKeys: 100 });
  const m = { rule: rules.get('x') as SigmaRule };
  for (let i = 0; i < 1000; i++) c.observe(m, { k: `key${i}` }, T0 + i);
  assert.equal(c.size(), 100);
  c.expire(T0 + 1000 + 2 * MIN);
  assert.equal(c.size(), 0);
  assert.equal(c.suppresses(rules.get('x') as SigmaRule), true, 'generate defaults to false');
});
