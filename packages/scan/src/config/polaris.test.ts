import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '@rampart/core';
import { sharedData } from '@rampart/core/testing';
import { scanConfig } from './scan/scan-config.js';
import type { CheckGroup } from './scan/types.js';

const polaris = sharedData('k8s/polaris');

/** Polaris check → the Rampart group and rule that implement it (and, for shared rules, which findings count). */
const EQUIVALENT: Record<string, { group: CheckGroup; rule: string; only?: (f: Finding) => boolean }> = {
  automountServiceAccountToken: { group: 'k8s', rule: 'RMP-K8S-020' },
  cpuRequestsMissing: { group: 'k8s', rule: 'RMP-K8S-010' },
  cpuLimitsMissing: { group: 'k8s', rule: 'RMP-K8S-011' },
  memoryRequestsMissing: { group: 'k8s', rule: 'RMP-K8S-012' },
  memoryLimitsMissing: { group: 'k8s', rule: 'RMP-K8S-013' },
  notReadOnlyRootFilesystem: { group: 'k8s', rule: 'RMP-K8S-001' },
  privilegeEscalationAllowed: { group: 'k8s', rule: 'RMP-K8S-002' },
  runAsRootAllowed: { group: 'k8s', rule: 'RMP-K8S-003' },
  dangerousCapabilities: { group: 'k8s', rule: 'RMP-K8S-004' },
  insecureCapabilities: { group: 'k8s', rule: 'RMP-K8S-005' },
  runAsPrivileged: { group: 'k8s', rule: 'RMP-K8S-006' },
  tagNotSpecified: { group: 'k8s', rule: 'RMP-K8S-014' },
  pullPolicyNotAlways: { group: 'k8s', rule: 'RMP-K8S-016' },
  livenessProbeMissing: { group: 'k8s', rule: 'RMP-K8S-017' },
  readinessProbeMissing: { group: 'k8s', rule: 'RMP-K8S-018' },
  tlsSettingsMissing: { group: 'k8s', rule: 'RMP-K8S-023' },
  sensitiveContainerEnvVar: { group: 'k8s', rule: 'RMP-K8S-030' },
  sensitiveConfigmapContent: { group: 'k8s', rule: 'RMP-K8S-031' },
  hostIPCSet: { group: 'pss', rule: 'hostNamespaces', only: (f) => String(f.data?.field).endsWith('hostIPC') },
  hostPIDSet: { group: 'pss', rule: 'hostNamespaces', only: (f) => String(f.data?.field).endsWith('hostPID') },
  hostNetworkSet: { group: 'pss', rule: 'hostNamespaces', only: (f) => String(f.data?.field).endsWith('hostNetwork') },
  hostPathSet: { group: 'pss', rule: 'hostPathVolumes' },
  hostPortSet: { group: 'pss', rule: 'hostPorts' },
  hostProcess: { group: 'pss', rule: 'windowsHostProcess' },
  procMount: { group: 'pss', rule: 'procMount' },
  clusterrolePodExecAttach: {
    group: 'rbac',
    rule: 'RMP-RBAC-002',
    only: (f) => String(f.data?.resource).startsWith('ClusterRole/'),
  },
  rolePodExecAttach: { group: 'rbac', rule: 'RMP-RBAC-002', only: (f) => String(f.data?.resource).startsWith('Role/') },
  clusterrolebindingClusterAdmin: {
    group: 'rbac',
    rule: 'RMP-RBAC-006',
    only: (f) => String(f.data?.resource).startsWith('ClusterRoleBinding/'),
  },
  rolebindingClusterAdminClusterRole: {
    group: 'rbac',
    rule: 'RMP-RBAC-006',
    only: (f) =>
      String(f.description).includes('binds ClusterRole') && String(f.data?.resource).startsWith('RoleBinding/'),
  },
  rolebindingClusterAdminRole: {
    group: 'rbac',
    rule: 'RMP-RBAC-006',
    only: (f) => String(f.description).includes('binds Role'),
  },
  clusterrolebindingPodExecAttach: {
    group: 'rbac',
    rule: 'RMP-RBAC-007',
    only: (f) => String(f.data?.resource).startsWith('ClusterRoleBinding/'),
  },
  rolebindingClusterRolePodExecAttach: {
    group: 'rbac',
    rule: 'RMP-RBAC-007',
    only: (f) =>
      String(f.description).includes('binds ClusterRole') && String(f.data?.resource).startsWith('RoleBinding/'),
  },
  rolebindingRolePodExecAttach: {
    group: 'rbac',
    rule: 'RMP-RBAC-007',
    only: (f) => String(f.description).includes('binds Role'),
  },
};

/** Polaris checks Rampart does not implement, and why (printed, so coverage stays visible). */
export const NOT_IMPLEMENTED: Record<string, string> = {
  linuxHardening:
    'Polaris-specific "any one of AppArmor/seccomp/SELinux/drop ALL" rule; PSS restricted covers the parts',
  deploymentMissingReplicas: 'availability, not security',
  hpaMaxAvailability: 'availability, not security',
  hpaMinAvailability: 'availability, not security',
  missingPodDisruptionBudget: 'availability, not security',
  pdbDisruptionsIsZero: 'availability, not security',
  pdbMinAvailableGreaterThanHPAMinReplicas: 'availability, not security',
  priorityClassNotSet: 'scheduling, not security',
  topologySpreadConstraint: 'availability, not security',
  metadataAndInstanceMismatched: 'labelling convention, not security',
  nakedPod: 'a custom (non-built-in) Polaris check: expressible as a CEL policy',
  oneController: 'a custom (non-built-in) Polaris check: expressible as a CEL policy',
  resourceRange: 'a custom (non-built-in) Polaris check: expressible as a CEL policy',
};

interface Expectation {
  file: string;
  check: string;
  expect: 'success' | 'failure';
}

test("Polaris fixtures: every implemented check gives Polaris' verdict on every fixture", {
  skip: polaris.skip,
}, async () => {
  const expected = JSON.parse(readFileSync(join(polaris.path, 'expected.json'), 'utf8')) as Expectation[];
  const wrong: string[] = [];
  const skipped = new Map<string, number>();
  let checked = 0;
  for (const e of expected) {
    const eq = EQUIVALENT[e.check];
    if (eq === undefined) {
      skipped.set(e.check, (skipped.get(e.check) ?? 0) + 1);
      continue;
    }
    const r = await scanConfig(join(polaris.path, e.file), { checks: [eq.group], pssLevel: 'baseline' });
    const hits = r.findings.filter((f) => f.ruleId === eq.rule && (eq.only === undefined || eq.only(f)));
    checked++;
    if (hits.length > 0 !== (e.expect === 'failure'))
      wrong.push(`${e.file}: expected ${e.expect}, got ${hits.length} finding(s)`);
  }
  console.log(
    `polaris: ${checked - wrong.length}/${checked} fixtures match over ${Object.keys(EQUIVALENT).length} checks`,
  );
  console.log(
    `polaris: not implemented: ${[...skipped].map(([c, n]) => `${c} (${n} fixtures: ${NOT_IMPLEMENTED[c] ?? 'see docs'})`).join('; ')}`,
  );
  assert.deepEqual(wrong, []);
});
