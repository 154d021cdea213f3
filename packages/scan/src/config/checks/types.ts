/** A configuration check: stable ID, what it is, why it matters, how to fix it, where to read more. */
import type { Severity } from '@rampart/core';
import type { FieldPath, Manifest } from '../k8s/manifest.js';

export interface CheckInfo {
  /** Stable ID (`RMP-K8S-001`), used as the finding's id and ruleId. */
  id: string;
  title: string;
  severity: Severity;
  /** Why it matters. */
  why: string;
  /** How to fix it. */
  fix: string;
  references: string[];
}

/** A problem at a place: the field path locates the line. */
export interface CheckHit {
  path: FieldPath;
  message: string;
}

/** Everything scanned together, for checks that look up related objects (the ServiceAccount a pod uses). */
export interface CheckContext {
  all: readonly Manifest[];
  /** ServiceAccounts by `namespace/name`. */
  serviceAccounts: ReadonlyMap<string, Manifest>;
}

/** A check over one Kubernetes object. */
export interface ManifestCheck extends CheckInfo {
  /** Kinds it looks at (`WORKLOAD_KINDS` for every kind with a pod template). */
  kinds: readonly string[];
  evaluate(m: Manifest, ctx: CheckContext): CheckHit[];
}

/** A check over all objects scanned together (RBAC bindings, network policies, PDB/HPA pairs). */
export interface ClusterCheck extends CheckInfo {
  evaluate(all: readonly Manifest[]): { manifest: Manifest; hit: CheckHit }[];
}
