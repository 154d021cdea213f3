/**
 * An advisory's severity: from its CVSS vectors (record level, or the matched affected entry's), preferring v3.x, then
 * v4.0, then v2 (v3 is what most advisories and users' policies are written against); else the source's own rating
 * (`database_specific.severity` as GHSA writes it, or Ubuntu's priority); else UNKNOWN.
 */
import { type FindingCvss, parseSeverity, type Severity, severityFromCvssScore } from '@rampart/core';
import type { OsvAffected, OsvRecord, OsvSeverity } from '../osv/types.js';
import { scoreCvss } from './cvss.js';

export interface AdvisorySeverity {
  severity: Severity;
  cvss: FindingCvss[];
  /** Where the severity came from: `cvss-3.1`, `database_specific`, `Ubuntu`, or `none`. */
  source: string;
}

const PREFERENCE = ['3.1', '3.0', '4.0', '2.0'];

export function advisorySeverity(record: OsvRecord, affected?: OsvAffected): AdvisorySeverity {
  const entries: OsvSeverity[] = [...(affected?.severity ?? []), ...(record.severity ?? [])];
  const cvss: FindingCvss[] = [];
  const seen = new Set<string>();
  for (const s of entries) {
    if (!s.type.startsWith('CVSS_')) continue;
    const scored = scoreCvss(s.score);
    if (scored !== undefined && !seen.has(scored.vector)) {
      seen.add(scored.vector);
      cvss.push(scored);
    }
  }
  for (const version of PREFERENCE) {
    const best = cvss.find((c) => c.version === version);
    if (best !== undefined) return { severity: severityFromCvssScore(best.score), cvss, source: `cvss-${version}` };
  }
  const own = record.database_specific?.severity ?? affected?.database_specific?.severity;
  const fromDb = parseSeverity(own);
  if (fromDb !== 'UNKNOWN') return { severity: fromDb, cvss, source: 'database_specific' };
  const ubuntu = entries.find((s) => s.type === 'Ubuntu');
  if (ubuntu !== undefined && parseSeverity(ubuntu.score) !== 'UNKNOWN') {
    return { severity: parseSeverity(ubuntu.score), cvss, source: 'Ubuntu' };
  }
  return { severity: 'UNKNOWN', cvss, source: 'none' };
}
