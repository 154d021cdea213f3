/**
 * One finding per package and issue: the advisory group's most severe rating, its CVSS vectors, every fixed version
 * (nearest first), the package's smallest clearing upgrade as advice, and low confidence with the reason when a
 * version could not be read exactly.
 */
import { createFinding, type Finding, type FindingCvss, type Severity, severityRank } from '@rampart/core';
import type { Package } from '../../inventory/types.js';
import type { OsvAffected, OsvRecord } from '../osv/types.js';
import { advisorySeverity } from '../severity/severity.js';
import type { VersionScheme } from '../version/scheme.js';
import { sortVersions } from './fix.js';

/** An advisory that affects the package: the entries that matched, their fixed versions, any doubt. */
export interface Hit {
  record: OsvRecord;
  entries: OsvAffected[];
  fixed: string[];
  doubt?: string;
}

export function toFinding(
  id: string,
  aliases: string[],
  hits: readonly Hit[],
  pkg: Package,
  version: string,
  scheme: VersionScheme,
  upgrade: string | undefined,
  target: string,
): Finding {
  const primary = hits.find((h) => h.record.id === id) ?? (hits[0] as Hit);
  let severity: Severity = 'UNKNOWN';
  const cvss: FindingCvss[] = [];
  for (const h of hits) {
    const s = advisorySeverity(h.record, h.entries[0]);
    if (severityRank(s.severity) > severityRank(severity)) severity = s.severity;
    if (h === primary || cvss.length === 0)
      cvss.push(...s.cvss.filter((c) => !cvss.some((x) => x.vector === c.vector)));
  }
  const fixed = sortVersions(
    hits.flatMap((h) => h.fixed),
    scheme,
  );
  const doubt = hits.find((h) => h.doubt !== undefined)?.doubt;
  const record = primary.record;
  const references = [`https://osv.dev/vulnerability/${record.id}`];
  for (const h of hits)
    for (const r of h.record.references ?? []) if (!references.includes(r.url)) references.push(r.url);
  const finding = createFinding({
    id,
    kind: 'vulnerability',
    severity,
    target,
    package: { purl: pkg.purl, name: pkg.name, version: pkg.version, ecosystem: pkg.ecosystem },
    title: record.summary ?? firstLine(record.details) ?? id,
    references,
    confidence: doubt === undefined ? { level: 'high' } : { level: 'low', reason: doubt },
    data: {
      installedVersion: pkg.version,
      evaluatedVersion: version,
      ecosystem: primary.entries[0]?.package?.ecosystem ?? pkg.ecosystem,
      advisories: hits.map((h) => h.record.id).sort(),
      ...(pkg.sourceName !== undefined ? { sourcePackage: pkg.sourceName } : {}),
      published: record.published,
      modified: record.modified,
    },
  });
  if (aliases.length > 0) finding.aliases = aliases;
  if (cvss.length > 0) finding.cvss = cvss;
  if (record.details !== undefined) finding.description = record.details;
  const location: Finding['location'] = { path: pkg.location.path };
  if (pkg.location.line !== undefined) location.line = pkg.location.line;
  if (pkg.location.layer !== undefined) location.layer = pkg.location.layer;
  if (pkg.location.path !== '') finding.location = location;
  finding.fix = { versions: fixed };
  if (upgrade !== undefined)
    finding.fix.advice = `upgrade ${pkg.name} to ${upgrade} (clears every known finding of this package)`;
  else if (fixed.length > 0) finding.fix.advice = `upgrade ${pkg.name} to ${fixed[0]} or later`;
  return finding;
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split('\n').find((l) => l.trim() !== '');
  return line === undefined ? undefined : line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
