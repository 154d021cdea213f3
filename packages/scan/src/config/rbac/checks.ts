/** RBAC risks (group `rbac`): admin-equivalent grants, exec/attach, reading Secrets, escalation verbs, risky bindings. */
import { get } from '../k8s/workload.js';
import type { CheckHit, ManifestCheck } from '../checks/types.js';
import {
  boundRole,
  escalationVerbs,
  hasWildcard,
  isAdminRule,
  isBuiltInRole,
  isExecAttachRule,
  isSecretReadRule,
  rulesOf,
} from './rules.js';

const RBAC_DOC = 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/';
const ROLE_KINDS = ['Role', 'ClusterRole'];
const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'];

function roleCheck(
  id: string,
  title: string,
  severity: ManifestCheck['severity'],
  why: string,
  fix: string,
  test: (r: ReturnType<typeof rulesOf>[number]) => boolean,
): ManifestCheck {
  return {
    id,
    title,
    severity,
    why,
    fix,
    references: [RBAC_DOC],
    kinds: ROLE_KINDS,
    evaluate(m) {
      if (isBuiltInRole(m)) return [];
      return rulesOf(m)
        .filter(test)
        .map((r) => ({ path: ['rules', r.index], message: `${m.kind} "${m.name}": ${title.toLowerCase()}` }));
    },
  };
}

export const adminEquivalentRole = roleCheck(
  'RMP-RBAC-001',
  'Role grants every verb on every resource',
  'CRITICAL',
  'A role with * on * in every API group is cluster-admin (or namespace-admin) under another name.',
  'List the API groups, resources and verbs the subject needs.',
  isAdminRule,
);

export const execAttachRole = roleCheck(
  'RMP-RBAC-002',
  'Role allows exec or attach into pods',
  'HIGH',
  'pods/exec and pods/attach give a shell in running containers, with their service-account tokens and secrets.',
  'Remove pods/exec and pods/attach (and * resources) from the rule; grant them only to break-glass roles.',
  isExecAttachRule,
);

export const secretReadRole = roleCheck(
  'RMP-RBAC-003',
  'Role can read Secrets',
  'HIGH',
  'get/list/watch on secrets reveals every credential in the namespace (or cluster), including service-account tokens.',
  'Grant secret access only by resourceNames, or mount the Secrets the workload needs instead.',
  isSecretReadRule,
);

export const escalationRole = roleCheck(
  'RMP-RBAC-004',
  'Role allows escalate, bind or impersonate',
  'HIGH',
  'escalate, bind and impersonate let a subject acquire permissions it was not granted.',
  'Remove escalate, bind and impersonate from the rule.',
  (r) => escalationVerbs(r).length > 0,
);

export const wildcardRole = roleCheck(
  'RMP-RBAC-005',
  'Role uses a wildcard verb or resource',
  'MEDIUM',
  'Wildcards grant whatever resources and verbs exist, including ones added by future APIs and CRDs.',
  'Replace * with the explicit resources and verbs needed.',
  hasWildcard,
);

export const adminBinding: ManifestCheck = {
  id: 'RMP-RBAC-006',
  title: 'Binding to cluster-admin or an admin-equivalent role',
  severity: 'CRITICAL',
  why: 'Subjects of this binding can do anything in the cluster (or the namespace).',
  fix: 'Bind a role with the least privilege the subjects need.',
  references: [RBAC_DOC],
  kinds: BINDING_KINDS,
  evaluate(m, ctx) {
    if (isBuiltInRole(m)) return [];
    const refName = String(get(m.object, 'roleRef', 'name') ?? '');
    const refKind = String(get(m.object, 'roleRef', 'kind') ?? '');
    const role = boundRole(m, ctx.all);
    const admin =
      (refKind === 'ClusterRole' && refName === 'cluster-admin') ||
      (role !== undefined && rulesOf(role).some(isAdminRule));
    return admin
      ? [{ path: ['roleRef'], message: `${m.kind} "${m.name}" binds ${refKind} "${refName}" (admin-equivalent)` }]
      : [];
  },
};

export const execAttachBinding: ManifestCheck = {
  id: 'RMP-RBAC-007',
  title: 'Binding to a role that allows exec or attach',
  severity: 'HIGH',
  why: 'Subjects of this binding can open a shell in running pods.',
  fix: 'Bind a role without pods/exec and pods/attach.',
  references: [RBAC_DOC],
  kinds: BINDING_KINDS,
  evaluate(m, ctx) {
    if (isBuiltInRole(m)) return [];
    const role = boundRole(m, ctx.all);
    const out: CheckHit[] = [];
    if (role === undefined) {
      // A role that is not among the scanned objects cannot be shown to be safe (as Polaris decides).
      const ref = `${String(get(m.object, 'roleRef', 'kind'))} "${String(get(m.object, 'roleRef', 'name'))}"`;
      out.push({
        path: ['roleRef'],
        message: `${m.kind} "${m.name}" binds ${ref}, which is not among the scanned objects`,
      });
    } else if (rulesOf(role).some(isExecAttachRule)) {
      out.push({
        path: ['roleRef'],
        message: `${m.kind} "${m.name}" binds ${role.kind} "${role.name}", which allows exec/attach`,
      });
    }
    return out;
  },
};

export const RBAC_CHECKS: readonly ManifestCheck[] = [
  adminEquivalentRole,
  execAttachRole,
  secretReadRole,
  escalationRole,
  wildcardRole,
  adminBinding,
  execAttachBinding,
];
