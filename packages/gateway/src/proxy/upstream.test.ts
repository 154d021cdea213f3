import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UpstreamConfig } from '../config/types.js';
import { Upstream } from './upstream.js';

const cfg = (balance: UpstreamConfig['balance']): UpstreamConfig => ({
  targets: ['http://127.0.0.1:1', 'http://127.0.0.1:2', 'http://127.0.0.1:3'],
  balance,
  connections: 1,
  connectTimeoutMs: 100,
  requestTimeoutMs: 100,
  idleTimeoutMs: 100,
  retries: 1,
  passive: { consecutiveFailures: 2, ejectMs: 1000 },
});

test('round robin cycles over targets that are up and skips the one a retry avoids', async () => {
  const u = new Upstream('u', cfg('round-robin'), '/');
  try {
    const [a, b, c] = u.targets;
    assert.deepEqual([u.pick(0), u.pick(0), u.pick(0), u.pick(0)], [a, b, c, a]);
    assert.equal(u.pick(0, b), c);
    if (b !== undefined) b.activeUp = false;
    assert.deepEqual([u.pick(0), u.pick(0), u.pick(0)], [a, c, a]);
  } finally {
    await u.close();
  }
});

test('least requests picks the target with the fewest in flight', async () => {
  const u = new Upstream('u', cfg('least-requests'), '/');
  try {
    const [a, b, c] = u.targets as [
      NonNullable<(typeof u.targets)[0]>,
      NonNullable<(typeof u.targets)[0]>,
      NonNullable<(typeof u.targets)[0]>,
    ];
    a.inflight = 5;
    b.inflight = 1;
    c.inflight = 3;
    assert.equal(u.pick(0), b);
    assert.equal(u.pick(0, b), c);
  } finally {
    await u.close();
  }
});

test('passive ejection after consecutive failures, back after ejectMs; panic mode when all are ejected', async () => {
  const u = new Upstream('u', { ...cfg('round-robin'), targets: ['http://127.0.0.1:1', 'http://127.0.0.1:2'] }, '/');
  try {
    const [a, b] = u.targets as [NonNullable<(typeof u.targets)[0]>, NonNullable<(typeof u.targets)[0]>];
    u.recordResult(a, false, 0);
    assert.equal(a.up(0), true, 'one failure is not enough');
    u.recordResult(a, false, 0);
    assert.equal(a.up(10), false);
    assert.equal(a.up(1000), true, 'ejection ends');
    u.recordResult(b, false, 0);
    u.recordResult(b, false, 0);
    assert.ok(u.pick(10) !== undefined, 'all ejected: still routes (panic mode)');
    a.activeUp = false;
    b.activeUp = false;
    assert.equal(u.pick(10), undefined, 'failing active health checks: nothing to route to');
  } finally {
    await u.close();
  }
});
