/**
 * dpkg: `/var/lib/dpkg/status` and the one-paragraph files of `status.d/` (distroless images). Only installed packages
 * count; `Source: name (version)` gives the source package the Debian advisories are keyed by.
 */
import type { InventorySkip } from '../types.js';
import type { Cataloger, CatalogResult, FoundPackage } from './cataloger.js';
import { parseParagraphs } from './control-file.js';

const STATUS = 'var/lib/dpkg/status';
const STATUS_D = 'var/lib/dpkg/status.d/';

function wants(path: string): boolean {
  if (path === STATUS) return true;
  if (!path.startsWith(STATUS_D)) return false;
  const rest = path.slice(STATUS_D.length);
  // status.d holds `<pkg>` paragraphs plus `<pkg>.md5sums` lists.
  return rest !== '' && !rest.includes('/') && !rest.endsWith('.md5sums');
}

/** `Depends: libc6 (>= 2.34), libx | liby:any` → names (the first of each alternative, without arch and version). */
export function dependencyNames(depends: string | undefined): string[] {
  if (depends === undefined || depends === '') return [];
  const names: string[] = [];
  for (const clause of depends.split(',')) {
    const first = clause.split('|')[0]?.trim() ?? '';
    const name = first.split(/[\s(:[]/)[0];
    if (name !== undefined && name !== '') names.push(name);
  }
  return names;
}

function isInstalled(status: string | undefined): boolean {
  if (status === undefined) return true; // status.d paragraphs carry no Status
  const words = status.split(/\s+/);
  return words[2] === 'installed';
}

export function parseDpkgStatus(text: string, path: string): CatalogResult {
  const out: FoundPackage[] = [];
  const skipped: InventorySkip[] = [];
  for (const p of parseParagraphs(text)) {
    const name = p.fields.get('Package');
    const version = p.fields.get('Version');
    if (name !== undefined && !isInstalled(p.fields.get('Status'))) continue;
    if (name === undefined || version === undefined || version === '') {
      // One damaged paragraph does not cost the others: it is listed, the rest of the database stands.
      skipped.push({
        file: `${path}:${p.line}`,
        reason: `dpkg paragraph ${name ?? '(no Package:)'} has no ${name === undefined ? 'Package' : 'Version'}`,
      });
      continue;
    }
    const arch = p.fields.get('Architecture');
    const pkg: FoundPackage = {
      name,
      version,
      ecosystem: 'Debian',
      osPackage: true,
      purl: { type: 'deb', qualifiers: arch !== undefined ? { arch } : {} },
      location: { path, line: p.line },
      licenses: [],
      foundBy: 'dpkg',
      dependsOnNames: dependencyNames(p.fields.get('Depends') ?? p.fields.get('Pre-Depends')),
    };
    if (arch !== undefined) pkg.arch = arch;
    const pre = dependencyNames(p.fields.get('Pre-Depends'));
    if (pre.length > 0) pkg.dependsOnNames = [...new Set([...(pkg.dependsOnNames ?? []), ...pre])];
    // `Source: glibc (2.36-9)`: the version in parentheses only when it differs from the binary's.
    const source = p.fields.get('Source');
    const m = source === undefined ? null : /^(\S+)(?:\s+\(([^)]+)\))?/.exec(source);
    pkg.sourceName = m?.[1] ?? name;
    pkg.sourceVersion = m?.[2] ?? version;
    out.push(pkg);
  }
  return skipped.length > 0 ? { packages: out, skipped } : { packages: out };
}

export const dpkgCataloger: Cataloger = {
  name: 'dpkg',
  modes: ['rootfs'],
  wants,
  parse(content, file): CatalogResult {
    return parseDpkgStatus(content.toString('utf8'), file.path);
  },
};
