/** The beyond-PSS Kubernetes checks (group `k8s`), and the kinds any Rampart check understands. */
import type { Finding } from '@rampart/core';
import type { Manifest } from '../k8s/manifest.js';
import { automountServiceAccountToken, defaultNamespace, exposedService, ingressWithoutTls } from './exposure.js';
import { WORKLOAD_KINDS } from './pod-helpers.js';
import {
  cpuLimits,
  cpuRequests,
  imageNotPinned,
  imageTagLatest,
  livenessProbe,
  memoryLimits,
  memoryRequests,
  pullPolicyNotAlways,
  readinessProbe,
} from './resources.js';
import {
  capabilitiesNotDropped,
  dangerousCapabilities,
  privilegedContainer,
  privilegeEscalation,
  readOnlyRootFilesystem,
  runAsRoot,
} from './security-context.js';
import { secretInConfigMap, secretInEnv } from './sensitive-data.js';
import { configFinding } from './to-finding.js';
import type { CheckContext, ManifestCheck } from './types.js';

export const K8S_CHECKS: readonly ManifestCheck[] = [
  readOnlyRootFilesystem,
  privilegeEscalation,
  runAsRoot,
  dangerousCapabilities,
  capabilitiesNotDropped,
  privilegedContainer,
  cpuRequests,
  cpuLimits,
  memoryRequests,
  memoryLimits,
  imageTagLatest,
  imageNotPinned,
  pullPolicyNotAlways,
  livenessProbe,
  readinessProbe,
  automountServiceAccountToken,
  defaultNamespace,
  exposedService,
  ingressWithoutTls,
  secretInEnv,
  secretInConfigMap,
];

export const KNOWN_KINDS: ReadonlySet<string> = new Set([
  ...WORKLOAD_KINDS,
  'Service',
  'Ingress',
  'NetworkPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ServiceAccount',
  'ConfigMap',
  'Secret',
  'Namespace',
]);

export function evaluateManifestChecks(
  manifests: readonly Manifest[],
  target: string,
  checks: readonly ManifestCheck[] = K8S_CHECKS,
): Finding[] {
  const serviceAccounts = new Map<string, Manifest>();
  for (const m of manifests)
    if (m.kind === 'ServiceAccount') serviceAccounts.set(`${m.namespace ?? 'default'}/${m.name}`, m);
  const ctx: CheckContext = { all: manifests, serviceAccounts };
  const out: Finding[] = [];
  for (const m of manifests) {
    for (const check of checks) {
      if (!check.kinds.includes(m.kind)) continue;
      for (const hit of check.evaluate(m, ctx)) out.push(configFinding(check, m, hit, target));
    }
  }
  return out;
}
