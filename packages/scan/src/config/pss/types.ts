/** Pod Security Standards checks as pod-security-admission defines them: an ID, a level, versioned variants. */
import type { FieldPath, K8sObject } from '../k8s/manifest.js';

export type PssLevel = 'baseline' | 'restricted';

/** What the check sees: the pod template's metadata and spec. Paths are relative to the template. */
export interface PodInput {
  metadata: K8sObject;
  spec: K8sObject;
}

export interface PssViolation {
  check: string;
  message: string;
  path: FieldPath;
}

export interface PssCheck {
  /** The PSA check ID (`hostNamespaces`, `runAsNonRoot`, ...). */
  id: string;
  level: PssLevel;
  title: string;
  /** Variants by minimum minor version (`v1.N` → N), ascending; the highest ≤ the policy version applies. */
  variants: readonly { since: number; evaluate: (pod: PodInput) => PssViolation[] }[];
  /** Baseline checks this restricted check replaces at the restricted level, from a version on. */
  overrides?: readonly { id: string; since: number }[];
  fix: string;
}
