/** What an RBAC rule grants: wildcard-aware tests over apiGroups, resources and verbs. */
import { asArray, get, isObject } from '../k8s/workload.js';
import type { Manifest } from '../k8s/manifest.js';

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  index: number;
}

export function rulesOf(m: Manifest): PolicyRule[] {
  return asArray(m.object.rules).flatMap((r, index) =>
    isObject(r)
      ? [{ apiGroups: strings(r.apiGroups), resources: strings(r.resources), verbs: strings(r.verbs), index }]
      : [],
  );
}

function strings(v: unknown): string[] {
  return asArray(v).map((x) => String(x));
}

const coreGroup = (r: PolicyRule) => r.apiGroups.includes('') || r.apiGroups.includes('*');
const hasVerb = (r: PolicyRule, verbs: readonly string[]) =>
  r.verbs.includes('*') || verbs.some((v) => r.verbs.includes(v));
const hasResource = (r: PolicyRule, resources: readonly string[]) =>
  r.resources.includes('*') || resources.some((x) => r.resources.includes(x));

const ALL_WRITE_AND_READ = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** Every verb on every resource of every group: cluster-admin in all but name. */
export function isAdminRule(r: PolicyRule): boolean {
  return (
    r.apiGroups.includes('*') &&
    r.resources.includes('*') &&
    (r.verbs.includes('*') || ALL_WRITE_AND_READ.every((v) => r.verbs.includes(v)))
  );
}

/** `kubectl exec`/`attach`: a shell in any pod the role reaches (create, or get for the older websocket path). */
export function isExecAttachRule(r: PolicyRule): boolean {
  return coreGroup(r) && hasResource(r, ['pods/exec', 'pods/attach']) && hasVerb(r, ['create', 'get']);
}

export function isSecretReadRule(r: PolicyRule): boolean {
  return coreGroup(r) && hasResource(r, ['secrets']) && hasVerb(r, ['get', 'list', 'watch']);
}

/** Verbs that let a subject grant itself more than it has. */
export function escalationVerbs(r: PolicyRule): string[] {
  if (r.verbs.includes('*')) return r.resources.includes('*') ? ['*'] : [];
  return r.verbs.filter((v) => v === 'escalate' || v === 'bind' || v === 'impersonate');
}

export function hasWildcard(r: PolicyRule): boolean {
  return r.verbs.includes('*') || r.resources.includes('*');
}

/** Roles and bindings Kubernetes (or the cloud provider) manages: their grants are by design. */
export function isBuiltInRole(m: Manifest): boolean {
  return (
    m.name.startsWith('system:') ||
    ['cluster-admin', 'admin', 'edit', 'view'].includes(m.name) ||
    m.name.startsWith('gce:')
  );
}

/** The Role or ClusterRole a binding refers to, when it is among the scanned objects. */
export function boundRole(binding: Manifest, all: readonly Manifest[]): Manifest | undefined {
  const kind = get(binding.object, 'roleRef', 'kind');
  const name = get(binding.object, 'roleRef', 'name');
  return all.find(
    (m) =>
      m.kind === kind &&
      m.name === name &&
      (kind === 'ClusterRole' || (m.namespace ?? 'default') === (binding.namespace ?? 'default')),
  );
}
