/** What the npm-family catalogers share: the purl of an npm name (scoped or not) and the license fields of package.json. */
import type { FoundPackage } from './cataloger.js';
import type { PackageLocation } from '../types.js';

export function npmPackage(
  name: string,
  version: string,
  location: PackageLocation,
  licenses: string[],
  foundBy: string,
): FoundPackage {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  const purl =
    slash > 0 ? { type: 'npm', namespace: name.slice(0, slash), name: name.slice(slash + 1) } : { type: 'npm' };
  return { name, version, ecosystem: 'npm', purl, location, licenses, foundBy };
}

/** `license: "MIT"`, `license: {type}`, or the old `licenses: [{type}]`. */
export function npmLicenses(pkg: { license?: unknown; licenses?: unknown }): string[] {
  const one = licenseOf(pkg.license);
  if (one !== undefined) return [one];
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map(licenseOf).filter((l): l is string => l !== undefined);
  return [];
}

function licenseOf(l: unknown): string | undefined {
  if (typeof l === 'string' && l !== '') return l;
  if (typeof l === 'object' && l !== null && typeof (l as { type?: unknown }).type === 'string') {
    return (l as { type: string }).type;
  }
  return undefined;
}
