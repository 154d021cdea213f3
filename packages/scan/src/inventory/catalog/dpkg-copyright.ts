/**
 * Debian packages declare their licenses in `/usr/share/doc/<package>/copyright`, not in the dpkg database: the
 * machine-readable format's `License:` fields, and references to `/usr/share/common-licenses/<NAME>` in free-form
 * files. The finishing pass attaches them to the dpkg package of the same name.
 */
import type { Cataloger, CatalogResult } from './cataloger.js';

const DOC = 'usr/share/doc/';
const COMMON = /\/usr\/share\/common-licenses\/([A-Za-z0-9][A-Za-z0-9.+_-]*[A-Za-z0-9+])/g;
const MAX_LICENSES = 20;

export function parseCopyright(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/^License:[ \t]*(\S[^\n]*)$/gm)) {
    const v = (m[1] as string).trim();
    if (v.length <= 100) found.add(v);
  }
  if (found.size === 0) for (const m of text.matchAll(COMMON)) found.add(m[1] as string);
  return [...found].slice(0, MAX_LICENSES);
}

export const dpkgCopyrightCataloger: Cataloger = {
  name: 'dpkg-copyright',
  modes: ['rootfs'],
  wants: (path) => {
    if (!path.startsWith(DOC) || !path.endsWith('/copyright')) return false;
    const pkg = path.slice(DOC.length, -'/copyright'.length);
    return pkg !== '' && !pkg.includes('/');
  },
  parse(content, file): CatalogResult {
    const name = file.path.slice(DOC.length, -'/copyright'.length);
    const licenses = parseCopyright(content.toString('utf8'));
    return { packages: [], packageLicenses: licenses.length > 0 ? [{ foundBy: 'dpkg', name, licenses }] : [] };
  },
};
