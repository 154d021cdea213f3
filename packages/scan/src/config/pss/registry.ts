/** Every PSS check, and which of them apply at a level and policy version (overrides included). */
import {
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  windowsHostProcess,
} from './checks-host.js';
import {
  allowPrivilegeEscalation,
  capabilitiesBaseline,
  capabilitiesRestricted,
  privileged,
} from './checks-privilege.js';
import {
  appArmorProfile,
  procMount,
  procMountRestricted,
  seccompProfileBaseline,
  seLinuxOptions,
  sysctls,
} from './checks-profiles.js';
import { restrictedVolumes, runAsNonRoot, runAsUser, seccompProfileRestricted } from './checks-restricted.js';
import type { PodInput, PssCheck, PssLevel } from './types.js';

export const PSS_CHECKS: readonly PssCheck[] = [
  hostNamespaces,
  privileged,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  seccompProfileBaseline,
  sysctls,
  windowsHostProcess,
  hostProbesAndHostLifecycle,
  restrictedVolumes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
  capabilitiesRestricted,
  procMountRestricted,
];

/** The newest variant of any check: `latest` and newer versions are evaluated as this one. */
export const LATEST_MINOR = Math.max(...PSS_CHECKS.flatMap((c) => c.variants.map((v) => v.since)));

export interface ApplicableCheck {
  check: PssCheck;
  evaluate: (pod: PodInput) => ReturnType<PssCheck['variants'][number]['evaluate']>;
}

const cache = new Map<string, ApplicableCheck[]>();

export function applicableChecks(level: PssLevel, minor: number): ApplicableCheck[] {
  const key = `${level}/${minor}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const inLevel = PSS_CHECKS.filter((c) => c.level === 'baseline' || level === 'restricted');
  const overridden = new Set(
    inLevel.flatMap((c) =>
      (c.overrides ?? [])
        .filter((o) => level === 'restricted' && minor >= o.since && appliesAt(c, minor))
        .map((o) => o.id),
    ),
  );
  const out: ApplicableCheck[] = [];
  for (const check of inLevel) {
    if (overridden.has(check.id)) continue;
    const variant = [...check.variants].reverse().find((v) => v.since <= minor);
    if (variant !== undefined) out.push({ check, evaluate: variant.evaluate });
  }
  cache.set(key, out);
  return out;
}

function appliesAt(check: PssCheck, minor: number): boolean {
  return check.variants.some((v) => v.since <= minor);
}
