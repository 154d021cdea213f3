/**
 * SPDX 2.3 JSON of an inventory: one package per purl (as an external reference of category PACKAGE-MANAGER), the
 * document DESCRIBES the target, the target CONTAINS every package, and DEPENDS_ON edges where the source had them.
 */
import { createHash } from 'node:crypto';
import type { Inventory, Package } from '../inventory/types.js';
import type { SbomToolInfo } from './cyclonedx.js';
import { cyclonedx } from './cyclonedx-lib.js';

function spdxId(purl: string): string {
  return `SPDXRef-Package-${createHash('sha256').update(purl).digest('hex').slice(0, 16)}`;
}

/** Simple SPDX expressions whose every identifier is on the SPDX list; anything else is NOASSERTION (Debian's `GPL-2+`
 * and free text are declared licenses, but not SPDX identifiers, and would make the document invalid). */
function isSpdxExpression(l: string): boolean {
  const tokens = l
    .replace(/[()]/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '');
  if (tokens.length === 0) return false;
  return tokens.every((t, i) =>
    i % 2 === 1
      ? t === 'AND' || t === 'OR' || t === 'WITH'
      : t.startsWith('LicenseRef-') || cyclonedx().SPDX.isSupportedSpdxId(t.replace(/\+$/, '')),
  );
}

function licenseField(p: Package): string {
  const ok = p.licenses.filter(isSpdxExpression);
  if (ok.length === 0) return 'NOASSERTION';
  return ok.length === 1 ? (ok[0] as string) : ok.map((l) => (l.includes(' ') ? `(${l})` : l)).join(' AND ');
}

export function toSpdx(inv: Inventory, tool: SbomToolInfo, now: Date = new Date()): string {
  const seen = new Map<string, Package>();
  for (const p of inv.packages) if (!seen.has(p.purl)) seen.set(p.purl, p);
  const rootId = 'SPDXRef-Target';
  const packages: Record<string, unknown>[] = [
    {
      SPDXID: rootId,
      name: inv.target,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: inv.targetType === 'image' ? 'CONTAINER' : 'SOURCE',
    },
  ];
  const relationships: Record<string, string>[] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: rootId },
  ];
  for (const p of seen.values()) {
    const id = spdxId(p.purl);
    const lic = licenseField(p);
    packages.push({
      SPDXID: id,
      name: p.name,
      versionInfo: p.version,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: lic,
      copyrightText: 'NOASSERTION',
      sourceInfo: `found by ${p.foundBy ?? 'rampart'} in ${p.location.path}${p.location.layer ? ` (layer ${p.location.layer})` : ''}`,
      externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }],
      primaryPackagePurpose: inv.targetType === 'fs' ? 'LIBRARY' : 'LIBRARY',
    });
    relationships.push({ spdxElementId: rootId, relationshipType: 'CONTAINS', relatedSpdxElement: id });
    for (const d of p.dependsOn ?? []) {
      if (seen.has(d) && d !== p.purl)
        relationships.push({ spdxElementId: id, relationshipType: 'DEPENDS_ON', relatedSpdxElement: spdxId(d) });
    }
  }
  const doc = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: inv.target,
    documentNamespace: `https://rampart.dev/spdx/${encodeURIComponent(inv.target)}-${crypto.randomUUID()}`,
    creationInfo: {
      created: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      creators: [`Tool: ${tool.name}-${tool.version}`],
    },
    packages,
    relationships,
  };
  return JSON.stringify(doc, null, 2);
}
