/** Severities as Trivy users know them, and the mappings every report format needs. Zero dependencies. */

export const SEVERITIES = ['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

const RANK: Readonly<Record<Severity, number>> = { UNKNOWN: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };

/** Case-insensitive; accepts common synonyms (`moderate`, `important`, `info`); anything else is UNKNOWN. */
export function parseSeverity(value: unknown): Severity {
  if (typeof value !== 'string') return 'UNKNOWN';
  const v = value.trim().toUpperCase();
  switch (v) {
    case 'CRITICAL':
      return 'CRITICAL';
    case 'HIGH':
    case 'IMPORTANT':
      return 'HIGH';
    case 'MEDIUM':
    case 'MODERATE':
      return 'MEDIUM';
    case 'LOW':
    case 'MINOR':
    case 'NEGLIGIBLE':
      return 'LOW';
    default:
      return 'UNKNOWN';
  }
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && value in RANK;
}

export function severityRank(s: Severity): number {
  return RANK[s];
}

/** Sort comparator: most severe first. */
export function compareSeverityDesc(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}

export function atLeast(s: Severity, threshold: Severity): boolean {
  return RANK[s] >= RANK[threshold];
}

/** CVSS base score → band, as CVSS v3/v4 define them (0.0 is none, reported as LOW here: it is still a finding). */
export function severityFromCvssScore(score: number): Severity {
  if (!Number.isFinite(score) || score < 0 || score > 10) return 'UNKNOWN';
  if (score >= 9.0) return 'CRITICAL';
  if (score >= 7.0) return 'HIGH';
  if (score >= 4.0) return 'MEDIUM';
  return 'LOW';
}

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** Same mapping as Trivy's SARIF output: CRITICAL/HIGH error, MEDIUM warning, LOW/UNKNOWN note. */
export function toSarifLevel(s: Severity): SarifLevel {
  switch (s) {
    case 'CRITICAL':
    case 'HIGH':
      return 'error';
    case 'MEDIUM':
      return 'warning';
    default:
      return 'note';
  }
}

/**
 * GitHub code scanning reads `properties.security-severity` (a CVSS-like score as a string) to rank results.
 * Without a real score, the band's representative value is used, as Trivy does.
 */
export function toSecuritySeverityScore(s: Severity, cvssScore?: number): string {
  if (cvssScore !== undefined && Number.isFinite(cvssScore)) return cvssScore.toFixed(1);
  switch (s) {
    case 'CRITICAL':
      return '9.5';
    case 'HIGH':
      return '8.0';
    case 'MEDIUM':
      return '5.5';
    case 'LOW':
      return '2.0';
    default:
      return '0.0';
  }
}

export type CycloneDxSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info' | 'none' | 'unknown';

export function toCycloneDxSeverity(s: Severity): CycloneDxSeverity {
  return s.toLowerCase() as CycloneDxSeverity;
}

/** ECS `event.severity` is a number; Rampart uses 0-100 so that alert levels and finding severities share one scale. */
export function toEcsSeverity(s: Severity): number {
  switch (s) {
    case 'CRITICAL':
      return 99;
    case 'HIGH':
      return 73;
    case 'MEDIUM':
      return 47;
    case 'LOW':
      return 21;
    default:
      return 0;
  }
}
