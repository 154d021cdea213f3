/** A check hit on a manifest as core's Finding, located at the field's line. */
import { createFinding, type Finding } from '@rampart/core';
import type { Manifest } from '../k8s/manifest.js';
import type { CheckHit, CheckInfo } from './types.js';

export function configFinding(
  info: CheckInfo,
  m: Manifest,
  hit: CheckHit,
  target: string,
  extra?: Record<string, unknown>,
): Finding {
  return createFinding({
    id: info.id,
    kind: 'misconfiguration',
    severity: info.severity,
    target,
    location: { path: m.file, line: m.lineOf(hit.path) },
    title: info.title,
    description: `${hit.message}. ${info.why}`,
    references: info.references,
    fix: { versions: [], advice: info.fix },
    data: {
      resource: `${m.kind}/${m.name}`,
      ...(m.namespace !== undefined ? { namespace: m.namespace } : {}),
      field: hit.path.join('.'),
      ...extra,
    },
  });
}
