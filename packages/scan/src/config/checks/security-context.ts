/** Beyond-PSS container hardening, as Polaris, kube-linter, Checkov and Trivy check it. */
import { asArray, get } from '../k8s/workload.js';
import { containersOf, podSpecOf, securityContext, WORKLOAD_KINDS } from './pod-helpers.js';
import type { CheckHit, ManifestCheck } from './types.js';

const K8S_SC = 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/';

export const readOnlyRootFilesystem: ManifestCheck = {
  id: 'RMP-K8S-001',
  title: 'Root filesystem is writable',
  severity: 'MEDIUM',
  why: 'A writable root filesystem lets an attacker who gets code execution drop tools and persist in the container.',
  fix: 'Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where the app must write.',
  references: [K8S_SC],
  kinds: WORKLOAD_KINDS,
  evaluate: (m) =>
    containersOf(m)
      .filter((c) => securityContext(c).readOnlyRootFilesystem !== true)
      .map((c) => ({
        path: [...c.at, 'securityContext', 'readOnlyRootFilesystem'],
        message: `container "${c.name}" has a writable root filesystem`,
      })),
};

export const privilegeEscalation: ManifestCheck = {
  id: 'RMP-K8S-002',
  title: 'Privilege escalation is allowed',
  severity: 'MEDIUM',
  why: 'Without allowPrivilegeEscalation: false, setuid binaries and file capabilities can raise a process above its user.',
  fix: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  references: [K8S_SC],
  kinds: WORKLOAD_KINDS,
  evaluate: (m) =>
    containersOf(m)
      .filter((c) => securityContext(c).allowPrivilegeEscalation !== false)
      .map((c) => ({
        path: [...c.at, 'securityContext', 'allowPrivilegeEscalation'],
        message: `container "${c.name}" may escalate privileges`,
      })),
};

export const runAsRoot: ManifestCheck = {
  id: 'RMP-K8S-003',
  title: 'Container may run as root',
  severity: 'MEDIUM',
  why: 'A process running as UID 0 inside a container is one kernel bug or mount away from root on the node.',
  fix: 'Set runAsNonRoot: true (pod or container) or a non-zero runAsUser, and build the image with a non-root USER.',
  references: [K8S_SC],
  kinds: WORKLOAD_KINDS,
  evaluate(m) {
    const pod = asPodSecurity(m);
    return containersOf(m)
      .filter((c) => {
        const sc = securityContext(c);
        const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
        const user = sc.runAsUser ?? pod.runAsUser;
        return nonRoot !== true && !(typeof user === 'number' && user > 0);
      })
      .map((c) => ({
        path: [...c.at, 'securityContext', 'runAsNonRoot'],
        message: `container "${c.name}" is allowed to run as root`,
      }));
  },
};

function asPodSecurity(m: Parameters<ManifestCheck['evaluate']>[0]): Record<string, unknown> {
  const sc = podSpecOf(m)?.spec.securityContext;
  return typeof sc === 'object' && sc !== null ? (sc as Record<string, unknown>) : {};
}

const DANGEROUS = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'DAC_READ_SEARCH',
  'BPF',
  'PERFMON',
]);

export const dangerousCapabilities: ManifestCheck = {
  id: 'RMP-K8S-004',
  title: 'Dangerous capability added',
  severity: 'HIGH',
  why: 'Capabilities such as SYS_ADMIN, NET_ADMIN or ALL give a container near-root power over the node kernel.',
  fix: 'Remove the capability from securityContext.capabilities.add.',
  references: [K8S_SC],
  kinds: WORKLOAD_KINDS,
  evaluate(m) {
    const out: CheckHit[] = [];
    for (const c of containersOf(m, true)) {
      asArray(get(c.container, 'securityContext', 'capabilities', 'add')).forEach((cap, i) => {
        const name = String(cap).toUpperCase().replace(/^CAP_/, '');
        if (DANGEROUS.has(name)) {
          out.push({
            path: [...c.at, 'securityContext', 'capabilities', 'add', i],
            message: `container "${c.name}" adds ${String(cap)}`,
          });
        }
      });
    }
    return out;
  },
};

/** Docker's default set plus NET_RAW: what a container keeps unless it drops them. */
const INSECURE_DEFAULTS = [
  'NET_ADMIN',
  'CHOWN',
  'DAC_OVERRIDE',
  'FSETID',
  'FOWNER',
  'MKNOD',
  'NET_RAW',
  'SETGID',
  'SETUID',
  'SETFCAP',
  'SETPCAP',
  'NET_BIND_SERVICE',
  'SYS_CHROOT',
  'KILL',
  'AUDIT_WRITE',
];

export const capabilitiesNotDropped: ManifestCheck = {
  id: 'RMP-K8S-005',
  title: 'Default capabilities are not dropped',
  severity: 'LOW',
  why: 'The runtime grants a default capability set (NET_RAW, CHOWN, SETUID, ...) that most services never need.',
  fix: 'Set securityContext.capabilities.drop: [ALL] and add back only what the service needs.',
  references: [K8S_SC],
  kinds: WORKLOAD_KINDS,
  evaluate: (m) =>
    containersOf(m)
      .filter((c) => {
        const drop = new Set(
          asArray(get(c.container, 'securityContext', 'capabilities', 'drop')).map((d) => String(d).toUpperCase()),
        );
        return !drop.has('ALL') && !INSECURE_DEFAULTS.every((d) => drop.has(d));
      })
      .map((c) => ({
        path: [...c.at, 'securityContext', 'capabilities', 'drop'],
        message: `container "${c.name}" keeps the default capabilities`,
      })),
};

export const privilegedContainer: ManifestCheck = {
  id: 'RMP-K8S-006',
  title: 'Privileged container',
  severity: 'HIGH',
  why: 'A privileged container has every capability and all host devices: it is root on the node.',
  fix: 'Remove securityContext.privileged.',
  references: [K8S_SC],
  kinds: WORKLOAD_KINDS,
  evaluate: (m) =>
    containersOf(m, true)
      .filter((c) => securityContext(c).privileged === true)
      .map((c) => ({
        path: [...c.at, 'securityContext', 'privileged'],
        message: `container "${c.name}" is privileged`,
      })),
};
