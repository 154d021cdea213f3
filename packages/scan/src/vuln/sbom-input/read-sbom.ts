/**
 * `scan sbom`: an existing CycloneDX (JSON) or SPDX 2.x (JSON) SBOM as an inventory, without rescanning. Packages are
 * identified by their purls (kept exactly as the SBOM wrote them); the OS comes from the operating-system component
 * (CycloneDX) or package (SPDX), else from the purls' `distro=` qualifiers. Anything else is a clear input error.
 */
import { readFileSync } from 'node:fs';
import { RampartError } from '@rampart/core';
import type { Inventory, OsInfo, Package } from '../../inventory/types.js';
import { packageFromPurl } from './purl-package.js';

export interface SbomInventory {
  inventory: Inventory;
  format: 'cyclonedx' | 'spdx';
  /** Components that could not be matched (no purl, unknown type), with the first reasons. */
  unmatched: number;
  reasons: string[];
}

export function readSbomFile(path: string): SbomInventory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RampartError(
      code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'IO',
      `cannot read ${path}: ${(e as Error).message}`,
      {
        file: path,
      },
    );
  }
  return parseSbom(text, path);
}

export function parseSbom(text: string, source: string): SbomInventory {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const xml = text.trimStart().startsWith('<');
    throw new RampartError(
      'INPUT_INVALID',
      xml
        ? 'this looks like an XML SBOM; rampart reads CycloneDX and SPDX in JSON'
        : `not JSON, so not a CycloneDX or SPDX JSON SBOM (${(e as Error).message})`,
      { file: source },
    );
  }
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) {
    const d = doc as Record<string, unknown>;
    if (d.bomFormat === 'CycloneDX') return fromCycloneDx(d, source);
    if (typeof d.spdxVersion === 'string' && d.spdxVersion.startsWith('SPDX-')) return fromSpdx(d, source);
  }
  throw new RampartError(
    'INPUT_INVALID',
    'not a CycloneDX ("bomFormat": "CycloneDX") or SPDX ("spdxVersion": "SPDX-2.x") JSON document',
    { file: source },
  );
}

interface Collector {
  packages: Package[];
  unmatched: number;
  reasons: string[];
}

function addPurl(c: Collector, purl: unknown, version: unknown, path: string, where: string, extra: Partial<Package>) {
  if (typeof purl !== 'string' || purl === '') {
    c.unmatched++;
    if (c.reasons.length < 5) c.reasons.push(`${where}: no purl`);
    return;
  }
  const p = packageFromPurl(purl, typeof version === 'string' ? version : undefined);
  if ('problem' in p) {
    c.unmatched++;
    if (c.reasons.length < 5) c.reasons.push(`${where}: ${p.problem}`);
    return;
  }
  c.packages.push({ ...p, ...extra, location: { path }, licenses: [] });
}

function fromCycloneDx(d: Record<string, unknown>, source: string): SbomInventory {
  const c: Collector = { packages: [], unmatched: 0, reasons: [] };
  let os: OsInfo | undefined;
  const walk = (components: unknown, field: string) => {
    if (components === undefined) return;
    if (!Array.isArray(components)) {
      throw new RampartError('INPUT_INVALID', `${field} is not a list`, { file: source, field });
    }
    components.forEach((raw, i) => {
      const where = `${field}[${i}]`;
      if (typeof raw !== 'object' || raw === null) {
        throw new RampartError('INPUT_INVALID', `${where} is not an object`, { file: source, field: where });
      }
      const comp = raw as Record<string, unknown>;
      if (comp.type === 'operating-system') {
        os ??= { id: String(comp.name ?? '').toLowerCase(), versionId: String(comp.version ?? '') };
      } else if (comp.type !== 'file') {
        const props = propertyMap(comp.properties);
        const extra: Partial<Package> = {};
        const srcName = props.get('aquasecurity:trivy:SrcName');
        if (srcName !== undefined) extra.sourceName = srcName;
        const srcVersion = props.get('aquasecurity:trivy:SrcVersion');
        if (srcVersion !== undefined) extra.sourceVersion = srcVersion;
        const path = props.get('aquasecurity:trivy:FilePath') ?? props.get('syft:location:0:path') ?? '';
        addPurl(c, comp.purl, comp.version, path.replace(/^\//, ''), where, extra);
      }
      walk(comp.components, `${where}.components`);
    });
  };
  walk(d.components, 'components');
  const meta = d.metadata as Record<string, unknown> | undefined;
  const root = meta?.component as Record<string, unknown> | undefined;
  return finish(c, source, 'cyclonedx', os, typeof root?.name === 'string' ? root.name : undefined);
}

function fromSpdx(d: Record<string, unknown>, source: string): SbomInventory {
  const c: Collector = { packages: [], unmatched: 0, reasons: [] };
  let os: OsInfo | undefined;
  const packages = d.packages ?? [];
  if (!Array.isArray(packages)) {
    throw new RampartError('INPUT_INVALID', 'packages is not a list', { file: source, field: 'packages' });
  }
  packages.forEach((raw, i) => {
    const where = `packages[${i}]`;
    if (typeof raw !== 'object' || raw === null) {
      throw new RampartError('INPUT_INVALID', `${where} is not an object`, { file: source, field: where });
    }
    const p = raw as Record<string, unknown>;
    if (p.primaryPackagePurpose === 'OPERATING-SYSTEM') {
      os ??= { id: String(p.name ?? '').toLowerCase(), versionId: String(p.versionInfo ?? '') };
      return;
    }
    const refs = Array.isArray(p.externalRefs) ? (p.externalRefs as Record<string, unknown>[]) : [];
    const purl = refs.find((r) => r?.referenceType === 'purl')?.referenceLocator;
    // SPDX documents list files and the document's own root as packages too; only packages with a purl are matched.
    if (purl === undefined && p.primaryPackagePurpose !== undefined && p.primaryPackagePurpose !== 'LIBRARY') return;
    addPurl(c, purl, p.versionInfo, '', where, {});
  });
  return finish(c, source, 'spdx', os, typeof d.name === 'string' ? d.name : undefined);
}

function finish(
  c: Collector,
  source: string,
  format: 'cyclonedx' | 'spdx',
  os: OsInfo | undefined,
  name: string | undefined,
): SbomInventory {
  const inventory: Inventory = {
    target: name !== undefined && name !== '' ? name : source,
    targetType: 'sbom',
    packages: c.packages,
    partial: false,
    errors: [],
  };
  if (os !== undefined && os.id !== '') inventory.os = os;
  return { inventory, format, unmatched: c.unmatched, reasons: c.reasons };
}

function propertyMap(props: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!Array.isArray(props)) return map;
  for (const p of props) {
    if (typeof p?.name === 'string' && typeof p?.value === 'string' && !map.has(p.name)) map.set(p.name, p.value);
  }
  return map;
}
