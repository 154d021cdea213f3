/** Options and result of a configuration scan. */
import type { Finding, RampartError } from '@rampart/core';
import type { NetworkPolicyReport } from '../netpol/analyze.js';
import type { PssLevel } from '../pss/types.js';

/** Check groups `--checks` selects. */
export const CHECK_GROUPS = ['pss', 'k8s', 'rbac', 'netpol', 'dockerfile', 'policy'] as const;
export type CheckGroup = (typeof CHECK_GROUPS)[number];

export interface ConfigScanOptions {
  /** Default: every group (`policy` only runs with policy files). */
  checks?: readonly CheckGroup[];
  pssLevel?: PssLevel;
  /** `v1.N` or `latest` (default). */
  pssVersion?: string;
  /** CEL policy files (`--policy`). */
  policyFiles?: readonly string[];
  /** Read stdin when PATH is `-`. */
  stdin?: () => Promise<string>;
}

export interface ConfigScanResult {
  target: string;
  findings: Finding[];
  /** Some input could not be read or parsed: the result covers the rest. */
  partial: boolean;
  errors: RampartError[];
  summary: {
    files: number;
    objects: number;
    /** Objects of kinds no check knows, by kind (counted, skipped). */
    unknownKinds: Record<string, number>;
    /** Documents that are not Kubernetes objects (no kind or apiVersion). */
    notObjects: number;
  };
  /** NetworkPolicy coverage and reachability, when the netpol group ran and manifests had workloads. */
  networkPolicy?: NetworkPolicyReport;
}
