/**
 * CycloneDX 1.6 JSON with a `vulnerabilities` section (a VDR): one component per affected package (by purl, which is
 * also its bom-ref), one vulnerability per advisory with its aliases as references, CVSS ratings, fixed versions as the
 * recommendation and the affected components. Findings without a package (secrets, misconfigurations) are not
 * vulnerabilities in CycloneDX's sense and are left out.
 */
import { randomUUID } from 'node:crypto';
import { type Finding, type FindingCvss, toCycloneDxSeverity } from '@rampart/core';
import type { ReportContext, ToolInfo } from './tool-info.js';

export interface CycloneDxOptions {
  /** Every package of the scanned target (so the BOM lists clean packages too); default: the affected ones. */
  components?: ReadonlyArray<{ purl: string; name: string; version?: string }>;
  /** The scanned target, as `metadata.component`. */
  subject?: { name: string; type?: 'application' | 'container' | 'file' | 'operating-system' };
  serialNumber?: string;
}

const METHODS: Readonly<Record<string, string>> = {
  '2.0': 'CVSSv2',
  '3.0': 'CVSSv3',
  '3.1': 'CVSSv31',
  '4.0': 'CVSSv4',
};

export function toCycloneDxVulnerabilities(
  findings: readonly Finding[],
  tool: ToolInfo,
  context: ReportContext = {},
  options: CycloneDxOptions = {},
): Record<string, unknown> {
  const components = new Map<string, Record<string, unknown>>();
  const addComponent = (purl: string, name: string, version?: string) => {
    if (components.has(purl)) return;
    const c: Record<string, unknown> = { type: 'library', 'bom-ref': purl, name, purl };
    if (version !== undefined) c.version = version;
    components.set(purl, c);
  };
  for (const c of options.components ?? []) addComponent(c.purl, c.name, c.version);
  const vulns = new Map<string, { finding: Finding; refs: Set<string> }>();
  for (const f of findings) {
    if (f.kind !== 'vulnerability' || f.package?.purl === undefined) continue;
    addComponent(f.package.purl, f.package.name, f.package.version);
    const v = vulns.get(f.id) ?? { finding: f, refs: new Set<string>() };
    v.refs.add(f.package.purl);
    vulns.set(f.id, v);
  }
  const metadata: Record<string, unknown> = {
    timestamp: (context.createdAt ?? new Date().toISOString()).replace(/\.\d+Z$/, 'Z'),
    tools: { components: [{ type: 'application', name: tool.name, version: tool.version }] },
  };
  if (options.subject !== undefined) {
    metadata.component = {
      type: options.subject.type ?? 'application',
      name: options.subject.name,
      'bom-ref': 'subject',
    };
  }
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: options.serialNumber ?? `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata,
    components: [...components.values()],
    vulnerabilities: [...vulns.values()].map(({ finding, refs }) => vulnerabilityOf(finding, [...refs])),
  };
}

function vulnerabilityOf(f: Finding, refs: string[]): Record<string, unknown> {
  const v: Record<string, unknown> = {
    'bom-ref': `vuln:${f.id}`,
    id: f.id,
    source: { name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(f.id)}` },
  };
  if (f.aliases !== undefined && f.aliases.length > 0) {
    v.references = f.aliases.map((id) => ({ id, source: sourceOf(id) }));
  }
  const ratings = (f.cvss ?? []).map(ratingOf);
  if (ratings.length === 0) ratings.push({ severity: toCycloneDxSeverity(f.severity), method: 'other' });
  v.ratings = ratings;
  if (f.description !== undefined) v.description = f.description;
  if (f.title !== '') v.detail = f.title;
  if (f.fix !== undefined && f.fix.versions.length > 0) {
    v.recommendation = f.fix.advice ?? `upgrade to ${f.fix.versions.join(' or ')}`;
  }
  const urls = f.references.filter((r) => /^https?:\/\//.test(r));
  if (urls.length > 0) v.advisories = urls.map((url) => ({ url }));
  v.affects = refs.map((ref) => ({ ref }));
  return v;
}

function ratingOf(c: FindingCvss): Record<string, unknown> {
  return {
    score: c.score,
    severity: toCycloneDxSeverity(bandOf(c.score)),
    method: METHODS[c.version] ?? 'other',
    vector: c.vector,
  };
}

function bandOf(score: number): 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' {
  return score >= 9 ? 'CRITICAL' : score >= 7 ? 'HIGH' : score >= 4 ? 'MEDIUM' : 'LOW';
}

function sourceOf(id: string): { name: string; url?: string } {
  if (id.startsWith('CVE-')) return { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` };
  if (id.startsWith('GHSA-')) return { name: 'GitHub', url: `https://github.com/advisories/${id}` };
  return { name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(id)}` };
}
