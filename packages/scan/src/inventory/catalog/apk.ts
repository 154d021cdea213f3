/**
 * apk: `/lib/apk/db/installed` (Alpine, Wolfi, Chainguard). One paragraph per package of single-letter fields:
 * P name, V version, A arch, L license, o origin (the source package advisories are keyed by), D dependencies.
 */
import type { InventorySkip } from '../types.js';
import type { Cataloger, CatalogResult, FoundPackage } from './cataloger.js';
import { parseParagraphs } from './control-file.js';

/** `D:so:libc.musl-x86_64.so.1 busybox>=1.36 !foo` → plain package names (shared-object and command deps are dropped). */
function dependencyNames(d: string | undefined): string[] {
  if (d === undefined) return [];
  return d
    .split(/\s+/)
    .filter((t) => t !== '' && !t.startsWith('!') && !t.includes(':'))
    .map((t) => t.split(/[<>=~]/)[0] as string)
    .filter((t) => t !== '');
}

export function parseApkInstalled(text: string, path: string): CatalogResult {
  const out: FoundPackage[] = [];
  const skipped: InventorySkip[] = [];
  for (const p of parseParagraphs(text)) {
    const name = p.fields.get('P');
    const version = p.fields.get('V');
    if (name === undefined || version === undefined) {
      // One damaged entry does not cost the others: it is listed, the rest of the database stands.
      skipped.push({
        file: `${path}:${p.line}`,
        reason: `apk entry ${name ?? '(no P:)'} has no ${name === undefined ? 'name' : 'version'}`,
      });
      continue;
    }
    const arch = p.fields.get('A');
    const license = p.fields.get('L');
    const pkg: FoundPackage = {
      name,
      version,
      ecosystem: 'Alpine',
      osPackage: true,
      purl: { type: 'apk', qualifiers: arch !== undefined ? { arch } : {} },
      location: { path, line: p.line },
      licenses: license !== undefined && license !== '' ? [license] : [],
      foundBy: 'apk',
      sourceName: p.fields.get('o') ?? name,
      sourceVersion: version,
      dependsOnNames: dependencyNames(p.fields.get('D')),
    };
    if (arch !== undefined) pkg.arch = arch;
    out.push(pkg);
  }
  return skipped.length > 0 ? { packages: out, skipped } : { packages: out };
}

export const apkCataloger: Cataloger = {
  name: 'apk',
  modes: ['rootfs'],
  wants: (path) => path === 'lib/apk/db/installed',
  parse(content, file): CatalogResult {
    return parseApkInstalled(content.toString('utf8'), file.path);
  },
};
