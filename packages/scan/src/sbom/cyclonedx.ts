/**
 * CycloneDX 1.6 JSON of an inventory, built with `@cyclonedx/cyclonedx-library` (which owns the spec's normalization):
 * one component per package with its purl as bom-ref, licenses, the file it was found in, and dependency edges.
 */
import type * as CDX from '@cyclonedx/cyclonedx-library';
import { PackageURL } from 'packageurl-js';
import type { Inventory, Package } from '../inventory/types.js';
import { cyclonedx } from './cyclonedx-lib.js';

export interface SbomToolInfo {
  name: string;
  version: string;
}

/** One bom-ref per purl; the same package found in two files stays one component (the first location is kept). */
function uniqueByPurl(packages: readonly Package[]): Package[] {
  const seen = new Map<string, Package>();
  for (const p of packages) if (!seen.has(p.purl)) seen.set(p.purl, p);
  return [...seen.values()];
}

function licensesOf(p: Package): CDX.Models.License[] {
  const CDX = cyclonedx();
  return p.licenses.map((l) =>
    CDX.SPDX.isSupportedSpdxId(l)
      ? new CDX.Models.SpdxLicense(l)
      : / (AND|OR|WITH) /.test(l) && !/\s(and|or)\s/.test(l)
        ? new CDX.Models.LicenseExpression(l)
        : new CDX.Models.NamedLicense(l),
  );
}

export function toCycloneDx(inv: Inventory, tool: SbomToolInfo, now: Date = new Date()): string {
  const CDX = cyclonedx();
  const bom = new CDX.Models.Bom();
  bom.serialNumber = `urn:uuid:${crypto.randomUUID()}`;
  bom.metadata.timestamp = now;
  bom.metadata.tools.components.add(
    new CDX.Models.Component(CDX.Enums.ComponentType.Application, tool.name, { version: tool.version }),
  );
  const rootType = inv.targetType === 'image' ? CDX.Enums.ComponentType.Container : CDX.Enums.ComponentType.Application;
  const root = new CDX.Models.Component(rootType, inv.target, { bomRef: 'rampart:target' });
  bom.metadata.component = root;
  if (inv.os !== undefined) {
    const os = new CDX.Models.Component(CDX.Enums.ComponentType.OperatingSystem, inv.os.id, {
      version: inv.os.versionId,
      bomRef: `rampart:os:${inv.os.id}-${inv.os.versionId}`,
    });
    bom.components.add(os);
  }
  const byRef = new Map<string, CDX.Models.Component>();
  const packages = uniqueByPurl(inv.packages);
  for (const p of packages) {
    const purl = PackageURL.fromString(p.purl);
    const c = new CDX.Models.Component(CDX.Enums.ComponentType.Library, purl.name, {
      version: p.version,
      group: purl.namespace ?? undefined,
      bomRef: p.purl,
      purl: p.purl,
    });
    for (const l of licensesOf(p)) c.licenses.add(l);
    c.properties.add(new CDX.Models.Property('rampart:package:ecosystem', p.ecosystem));
    c.properties.add(new CDX.Models.Property('rampart:package:location', p.location.path));
    if (p.location.layer !== undefined)
      c.properties.add(new CDX.Models.Property('rampart:package:layer', p.location.layer));
    if (p.sourceName !== undefined) {
      c.properties.add(new CDX.Models.Property('rampart:package:source', `${p.sourceName}@${p.sourceVersion ?? ''}`));
    }
    byRef.set(p.purl, c);
    bom.components.add(c);
  }
  for (const p of packages) {
    const c = byRef.get(p.purl) as CDX.Models.Component;
    for (const d of p.dependsOn ?? []) {
      const dep = byRef.get(d);
      if (dep !== undefined && dep !== c) c.dependencies.add(dep.bomRef);
    }
    if (p.direct === true) root.dependencies.add(c.bomRef);
  }
  const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6));
  return serializer.serialize(bom, { sortLists: true, space: 2 });
}
