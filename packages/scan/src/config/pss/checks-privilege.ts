/** Privilege checks: privileged containers, added capabilities (baseline), drop ALL (restricted), privilege escalation. */
import { asArray } from '../k8s/workload.js';
import type { PssCheck, PssViolation } from './types.js';
import { allContainers, containerName, containerSecurityContext, get, isWindowsPod, violation } from './util.js';

export const privileged: PssCheck = {
  id: 'privileged',
  level: 'baseline',
  title: 'Privileged containers are not allowed',
  fix: 'Remove securityContext.privileged (or set it to false).',
  variants: [
    {
      since: 0,
      evaluate(pod) {
        return allContainers(pod.spec)
          .filter((c) => containerSecurityContext(c).privileged === true)
          .map((c) =>
            violation('privileged', [...c.path, 'securityContext', 'privileged'], `${containerName(c)} is privileged`),
          );
      },
    },
  ],
};

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export const capabilitiesBaseline: PssCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  title: 'Only the default capabilities may be added',
  fix: 'Remove added capabilities outside the default set (exact, upper-case names without CAP_).',
  variants: [
    {
      since: 0,
      evaluate(pod) {
        const out: PssViolation[] = [];
        for (const c of allContainers(pod.spec)) {
          asArray(get(c.container, 'securityContext', 'capabilities', 'add')).forEach((cap, i) => {
            if (typeof cap !== 'string' || !BASELINE_CAPABILITIES.has(cap)) {
              out.push(
                violation(
                  'capabilities_baseline',
                  [...c.path, 'securityContext', 'capabilities', 'add', i],
                  `${containerName(c)} adds capability ${String(cap)}`,
                ),
              );
            }
          });
        }
        return out;
      },
    },
  ],
};

function restrictedCapabilities(exemptWindows: boolean) {
  return (pod: Parameters<PssCheck['variants'][number]['evaluate']>[0]): PssViolation[] => {
    if (exemptWindows && isWindowsPod(pod)) return [];
    const out: PssViolation[] = [];
    for (const c of allContainers(pod.spec)) {
      const caps = get(c.container, 'securityContext', 'capabilities');
      const drop = asArray(get(caps, 'drop'));
      if (!drop.includes('ALL')) {
        out.push(
          violation(
            'capabilities_restricted',
            [...c.path, 'securityContext', 'capabilities', 'drop'],
            `${containerName(c)} does not drop ALL capabilities`,
          ),
        );
      }
      asArray(get(caps, 'add')).forEach((cap, i) => {
        if (cap !== 'NET_BIND_SERVICE') {
          out.push(
            violation(
              'capabilities_restricted',
              [...c.path, 'securityContext', 'capabilities', 'add', i],
              `${containerName(c)} adds capability ${String(cap)}`,
            ),
          );
        }
      });
    }
    return out;
  };
}

export const capabilitiesRestricted: PssCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  title: 'Containers must drop ALL capabilities and may add only NET_BIND_SERVICE',
  fix: 'Set securityContext.capabilities.drop: [ALL]; add back NET_BIND_SERVICE only if needed.',
  overrides: [{ id: 'capabilities_baseline', since: 22 }],
  variants: [
    { since: 22, evaluate: restrictedCapabilities(false) },
    { since: 25, evaluate: restrictedCapabilities(true) },
  ],
};

function noEscalation(exemptWindows: boolean) {
  return (pod: Parameters<PssCheck['variants'][number]['evaluate']>[0]): PssViolation[] => {
    if (exemptWindows && isWindowsPod(pod)) return [];
    return allContainers(pod.spec)
      .filter((c) => containerSecurityContext(c).allowPrivilegeEscalation !== false)
      .map((c) =>
        violation(
          'allowPrivilegeEscalation',
          [...c.path, 'securityContext', 'allowPrivilegeEscalation'],
          `${containerName(c)} must set allowPrivilegeEscalation: false`,
        ),
      );
  };
}

export const allowPrivilegeEscalation: PssCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  title: 'Privilege escalation must be disallowed',
  fix: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  variants: [
    { since: 8, evaluate: noEscalation(false) },
    { since: 25, evaluate: noEscalation(true) },
  ],
};
