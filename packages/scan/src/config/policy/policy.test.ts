import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';
import { scanConfig } from '../scan/scan-config.js';

const DATA = join(repoRoot(), 'packages/scan/testdata/config');

test('CEL policies: match, kinds and validation over every object, findings with the policy metadata', async () => {
  const r = await scanConfig(join(DATA, 'k8s/netpol.yaml'), {
    checks: ['policy'],
    policyFiles: [join(DATA, 'policy/org-policies.yaml')],
  });
  assert.deepEqual(r.findings.map((f) => `${f.ruleId} ${f.severity} ${String(f.data?.resource)}`).sort(), [
    'ACME-001 LOW Deployment/api',
    'ACME-001 LOW Deployment/web',
    'ACME-002 HIGH Deployment/api',
    'ACME-002 HIGH Deployment/web',
    'ACME-002 HIGH StatefulSet/db',
  ]);
  assert.match(r.findings.find((f) => f.ruleId === 'ACME-001')?.description ?? '', /fewer than two replicas/);
});

test('a broken policy is an error naming the policy file, line, policy and expression', async () => {
  await assert.rejects(
    scanConfig(join(DATA, 'k8s/netpol.yaml'), { policyFiles: [join(DATA, 'policy/broken-policy.yaml')] }),
    (e: Error & { code?: string; file?: string; line?: number; field?: string }) => {
      assert.equal(e.code, 'CONFIG_INVALID');
      assert.match(e.file ?? '', /broken-policy\.yaml$/);
      assert.equal(e.line, 4);
      assert.equal(e.field, 'policies[0].validation');
      assert.match(e.message, /ACME-009.*object\.spec\.replicas >=/);
      return true;
    },
  );
  const dir = mkdtempSync(join(tmpdir(), 'rampart-policy-'));
  try {
    writeFileSync(join(dir, 'p.yaml'), 'policies:\n  - id: X\n    title: t\n    validaton: "true"\n');
    await assert.rejects(
      scanConfig(join(DATA, 'k8s/netpol.yaml'), { policyFiles: [join(dir, 'p.yaml')] }),
      (e: Error & { code?: string }) => {
        assert.equal(e.code, 'CONFIG_INVALID');
        return true;
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
