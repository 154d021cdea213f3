import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';
import { scanConfig } from '../scan/scan-config.js';
import { matches, parseSelector } from './selector.js';

const FILE = join(repoRoot(), 'packages/scan/testdata/config/k8s/netpol.yaml');

test('coverage per namespace: default-deny, and workloads no ingress or egress policy selects', async () => {
  const r = await scanConfig(FILE, { checks: ['netpol'] });
  assert.deepEqual(r.networkPolicy?.namespaces, [
    {
      namespace: 'payments',
      defaultDenyIngress: false,
      defaultDenyEgress: false,
      noIngressPolicy: ['payments/CronJob/worker'],
      noEgressPolicy: ['payments/CronJob/worker'],
    },
    {
      namespace: 'shop',
      defaultDenyIngress: true,
      defaultDenyEgress: false,
      noIngressPolicy: [],
      noEgressPolicy: ['shop/Deployment/web', 'shop/Deployment/api', 'shop/StatefulSet/db'],
    },
  ]);
  const ids = r.findings.map((f) => `${f.ruleId} ${String(f.data?.resource)} ${f.location?.line}`).sort();
  assert.deepEqual(ids, [
    'RMP-NET-001 CronJob/worker 46',
    'RMP-NET-002 CronJob/worker 46',
    'RMP-NET-002 Deployment/api 26',
    'RMP-NET-002 Deployment/web 16',
    'RMP-NET-002 StatefulSet/db 36',
    'RMP-NET-003 Namespace/payments 11',
  ]);
});

test('reachability: selectors, namespace selectors, named and numbered ports, both directions', async () => {
  const r = await scanConfig(FILE, { checks: ['netpol'] });
  assert.deepEqual(r.networkPolicy?.reachability.map((x) => `${x.from} -> ${x.to} ${x.ports.join(',')}`).sort(), [
    'payments/CronJob/worker -> shop/Deployment/api TCP/9090',
    'shop/Deployment/api -> shop/StatefulSet/db TCP/5432',
    'shop/Deployment/web -> shop/Deployment/api TCP/9090',
  ]);
});

test('label selectors: matchLabels and every matchExpressions operator', () => {
  const sel = parseSelector({
    matchLabels: { app: 'api' },
    matchExpressions: [
      { key: 'env', operator: 'In', values: ['prod', 'stage'] },
      { key: 'legacy', operator: 'DoesNotExist' },
      { key: 'tier', operator: 'NotIn', values: ['db'] },
      { key: 'team', operator: 'Exists' },
    ],
  });
  assert.ok(sel);
  assert.equal(matches(sel, { app: 'api', env: 'prod', team: 'x' }), true);
  assert.equal(matches(sel, { app: 'api', env: 'dev', team: 'x' }), false);
  assert.equal(matches(sel, { app: 'api', env: 'prod', team: 'x', legacy: '1' }), false);
  assert.equal(matches(sel, { app: 'api', env: 'prod', team: 'x', tier: 'db' }), false);
  assert.equal(matches(sel, { app: 'api', env: 'prod' }), false);
  assert.equal(matches(parseSelector({}) as never, {}), true);
  assert.equal(
    matches(parseSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }) as never, { a: '1' }),
    false,
  );
});
