/** Restricted-only checks: volume types, non-root users, seccomp required. */
import { asArray } from '../k8s/workload.js';
import type { PodInput, PssCheck, PssViolation } from './types.js';
import {
  allContainers,
  containerName,
  containerSecurityContext,
  get,
  isObject,
  isWindowsPod,
  podSecurityContext,
  usesUserNamespace,
  violation,
} from './util.js';

const ALLOWED_VOLUME_SOURCES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

export const restrictedVolumes: PssCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  title: 'Only core volume types may be used',
  fix: 'Use configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret volumes.',
  overrides: [{ id: 'hostPathVolumes', since: 0 }],
  variants: [
    {
      since: 0,
      evaluate(pod) {
        const out: PssViolation[] = [];
        asArray(pod.spec.volumes).forEach((v, i) => {
          if (!isObject(v)) return;
          // The API server defaults a volume with no source to emptyDir: only explicit sources are judged.
          for (const [key, value] of Object.entries(v)) {
            if (key === 'name' || value === null || value === undefined || ALLOWED_VOLUME_SOURCES.has(key)) continue;
            out.push(
              violation('restrictedVolumes', ['spec', 'volumes', i, key], `volume "${String(v.name)}" uses ${key}`),
            );
          }
        });
        return out;
      },
    },
  ],
};

function nonRoot(userNamespaceExempt: boolean) {
  return (pod: PodInput): PssViolation[] => {
    if (userNamespaceExempt && usesUserNamespace(pod)) return [];
    const out: PssViolation[] = [];
    const podValue = podSecurityContext(pod).runAsNonRoot;
    if (podValue === false) {
      out.push(
        violation('runAsNonRoot', ['spec', 'securityContext', 'runAsNonRoot'], 'the pod sets runAsNonRoot=false'),
      );
    }
    for (const c of allContainers(pod.spec)) {
      const v = containerSecurityContext(c).runAsNonRoot;
      if (v === false) {
        out.push(
          violation(
            'runAsNonRoot',
            [...c.path, 'securityContext', 'runAsNonRoot'],
            `${containerName(c)} sets runAsNonRoot=false`,
          ),
        );
      } else if (v !== true && podValue !== true) {
        out.push(
          violation(
            'runAsNonRoot',
            [...c.path, 'securityContext'],
            `${containerName(c)} must set runAsNonRoot=true (here or on the pod)`,
          ),
        );
      }
    }
    return out;
  };
}

export const runAsNonRoot: PssCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  title: 'Containers must run as non-root',
  fix: 'Set securityContext.runAsNonRoot: true on the pod (or on every container).',
  variants: [
    { since: 0, evaluate: nonRoot(false) },
    { since: 35, evaluate: nonRoot(true) },
  ],
};

function nonRootUid(userNamespaceExempt: boolean) {
  return (pod: PodInput): PssViolation[] => {
    if (userNamespaceExempt && usesUserNamespace(pod)) return [];
    const out: PssViolation[] = [];
    if (podSecurityContext(pod).runAsUser === 0) {
      out.push(violation('runAsUser', ['spec', 'securityContext', 'runAsUser'], 'the pod sets runAsUser=0'));
    }
    for (const c of allContainers(pod.spec)) {
      if (containerSecurityContext(c).runAsUser === 0) {
        out.push(
          violation('runAsUser', [...c.path, 'securityContext', 'runAsUser'], `${containerName(c)} sets runAsUser=0`),
        );
      }
    }
    return out;
  };
}

export const runAsUser: PssCheck = {
  id: 'runAsUser',
  level: 'restricted',
  title: 'Containers must not run as UID 0',
  fix: 'Set runAsUser to a non-zero UID, or leave it unset and set runAsNonRoot: true.',
  variants: [
    { since: 23, evaluate: nonRootUid(false) },
    { since: 35, evaluate: nonRootUid(true) },
  ],
};

const SECCOMP_TYPES = new Set(['RuntimeDefault', 'Localhost']);

function seccompRequired(exemptWindows: boolean) {
  return (pod: PodInput): PssViolation[] => {
    if (exemptWindows && isWindowsPod(pod)) return [];
    const out: PssViolation[] = [];
    const podType = get(podSecurityContext(pod), 'seccompProfile', 'type');
    const podSet = podType !== undefined && podType !== null;
    if (podSet && !SECCOMP_TYPES.has(podType as string)) {
      out.push(
        violation(
          'seccompProfile_restricted',
          ['spec', 'securityContext', 'seccompProfile', 'type'],
          `the pod sets seccompProfile.type=${String(podType)}`,
        ),
      );
    }
    for (const c of allContainers(pod.spec)) {
      const t = get(c.container, 'securityContext', 'seccompProfile', 'type');
      if (t !== undefined && t !== null) {
        if (!SECCOMP_TYPES.has(t as string)) {
          out.push(
            violation(
              'seccompProfile_restricted',
              [...c.path, 'securityContext', 'seccompProfile', 'type'],
              `${containerName(c)} sets seccompProfile.type=${String(t)}`,
            ),
          );
        }
      } else if (!podSet) {
        out.push(
          violation(
            'seccompProfile_restricted',
            [...c.path, 'securityContext'],
            `${containerName(c)} must set seccompProfile.type to RuntimeDefault or Localhost (here or on the pod)`,
          ),
        );
      }
    }
    return out;
  };
}

export const seccompProfileRestricted: PssCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  title: 'A seccomp profile must be set',
  fix: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault.',
  overrides: [{ id: 'seccompProfile_baseline', since: 19 }],
  variants: [
    { since: 19, evaluate: seccompRequired(false) },
    { since: 25, evaluate: seccompRequired(true) },
  ],
};
