/** PSS violations of every workload as findings: one per violation, ruleId = the PSA check ID, at the field's line. */
import type { Finding } from '@rampart/core';
import type { Manifest } from '../k8s/manifest.js';
import { podTemplate } from '../k8s/workload.js';
import { configFinding } from '../checks/to-finding.js';
import { evaluatePss } from './evaluate.js';
import { PSS_CHECKS } from './registry.js';
import type { PssLevel } from './types.js';

const PSS_DOC = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

export function pssFindings(manifests: readonly Manifest[], level: PssLevel, minor: number, target: string): Finding[] {
  const out: Finding[] = [];
  for (const m of manifests) {
    const pod = podTemplate(m);
    if (pod === undefined) continue;
    for (const v of evaluatePss(pod, level, minor).violations) {
      const check = PSS_CHECKS.find((c) => c.id === v.check);
      const info = {
        id: v.check,
        title: check?.title ?? v.check,
        severity: check?.level === 'restricted' ? ('MEDIUM' as const) : ('HIGH' as const),
        why: `Pod Security Standards (${level}, v1.${minor}): admission rejects this pod.`,
        fix: check?.fix ?? '',
        references: [PSS_DOC],
      };
      out.push(
        configFinding(info, m, { path: [...pod.base, ...v.path], message: v.message }, target, {
          pss: { level, version: `v1.${minor}` },
        }),
      );
    }
  }
  return out;
}
