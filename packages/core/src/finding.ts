/**
 * The one model every scanner emits (DESIGN.md §2). Zero dependencies: reporters, the admission webhook and the SIEM all
 * read it. Fields beyond DESIGN.md's list are optional and named for what reports need (aliases for collapsed advisories,
 * confidence for unparsable versions, cvss for SARIF's security-severity).
 */
import { compareSeverityDesc, type Severity } from './severity.js';

export const FINDING_KINDS = ['vulnerability', 'misconfiguration', 'secret', 'license'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface FindingLocation {
  /** Path of the file in the target (relative to the scanned root, or absolute inside an image). */
  path?: string;
  /** 1-based. */
  line?: number;
  endLine?: number;
  column?: number;
  /** Image layer digest (`sha256:...`) the file came from. */
  layer?: string;
  /** For git history scans: the commit that introduced it. */
  commit?: string;
}

export interface FindingPackage {
  purl?: string;
  name: string;
  version?: string;
  ecosystem?: string;
}

export interface FindingFix {
  versions: string[];
  advice?: string;
}

export interface FindingCvss {
  version: string;
  vector: string;
  score: number;
}

export interface Finding {
  /** The advisory or check ID (`GHSA-...`, `CVE-...`, `KSV-PSS-PRIVILEGED`, `aws-access-key-id`). */
  id: string;
  kind: FindingKind;
  severity: Severity;
  /** What was scanned: an image reference, a folder, a file. */
  target: string;
  location?: FindingLocation;
  package?: FindingPackage;
  title: string;
  description?: string;
  references: string[];
  fix?: FindingFix;
  /** The rule or check that produced it; equals `id` for checks, differs for advisories (the matcher). */
  ruleId: string;
  /** Other IDs of the same issue (CVE, GHSA, distro IDs), when advisories were collapsed. */
  aliases?: string[];
  /** `low` when the result rests on something the scanner could not fully evaluate; `reason` says what. */
  confidence?: { level: 'high' | 'low'; reason?: string };
  cvss?: FindingCvss[];
  /** Capability-specific extras (kept small; reporters ignore what they do not know). */
  data?: Record<string, unknown>;
}

export type FindingInit = Omit<Finding, 'references' | 'ruleId'> & { references?: string[]; ruleId?: string };

/** Fills the defaults (`references: []`, `ruleId = id`) so producers write only what they know. */
export function createFinding(init: FindingInit): Finding {
  const { references, ruleId, ...rest } = init;
  return { ...rest, references: references ?? [], ruleId: ruleId ?? init.id };
}

/** Stable order for reports: severity (most severe first), then target, path, line, id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareSeverityDesc(a.severity, b.severity) ||
    cmp(a.target, b.target) ||
    cmp(a.location?.path ?? '', b.location?.path ?? '') ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    cmp(a.package?.name ?? '', b.package?.name ?? '') ||
    cmp(a.id, b.id)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
