/**
 * Which OSV ecosystems an installed package is looked up in. Language packages: their ecosystem, any variant
 * (`Packagist:https://packages.drupal.org/8`). Distro packages: only the OS release they were installed on
 * (`Debian:12`, `Ubuntu:22.04:LTS`, `Alpine:v3.19`, `AlmaLinux:9`), by source package name and version where the
 * distro publishes advisories by source, so a backported fix in the distro's own version is seen as fixed.
 */
import type { OsInfo, Package } from '../../inventory/types.js';
import { normalizePackageName } from '../osv/package-name.js';
import { baseEcosystem } from '../version/registry.js';

export interface PackageQuery {
  base: string;
  /** Normalized name to look up. */
  name: string;
  /** The version to evaluate (the source version for distros that publish by source). */
  version: string;
  /** Whether an advisory's `affected[].package.ecosystem` applies to this package. */
  accepts(ecosystem: string): boolean;
  /** Why a distro package cannot be matched (its release is unknown). */
  problem?: string;
}

const BY_SOURCE = new Set(['Debian', 'Ubuntu', 'Alpine', 'Wolfi', 'Chainguard']);
const DEBIAN_CODENAMES: Readonly<Record<string, string>> = {
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
};

/** OS release from the inventory, else from the purl's `distro=` qualifier (`debian-12`, `bookworm`, `3.19.1`). */
export function releaseOf(pkg: Package, os: OsInfo | undefined): string | undefined {
  if (os?.versionId !== undefined && os.versionId !== '') return os.versionId;
  const distro = /[?&]distro=([^&#]+)/.exec(pkg.purl)?.[1];
  if (distro === undefined) return os?.codename ? DEBIAN_CODENAMES[os.codename] : undefined;
  const value = decodeURIComponent(distro);
  const match = /(\d+(?:\.\d+)*)$/.exec(value);
  if (match?.[1] !== undefined) return match[1];
  return DEBIAN_CODENAMES[value.replace(/^debian-/, '')];
}

function releaseMatcher(base: string, release: string): (ecosystem: string) => boolean {
  const [major = '', minor = ''] = release.split('.');
  switch (base) {
    case 'Debian':
      return (e) => e === `Debian:${major}`;
    case 'Ubuntu':
      return (e) => e === `Ubuntu:${major}.${minor}` || e === `Ubuntu:${major}.${minor}:LTS`;
    case 'Alpine':
      return (e) => e === `Alpine:v${major}.${minor}`;
    default:
      // RPM distros key by major release (`AlmaLinux:9`, `Rocky Linux:8`); some by full release.
      return (e) => e === `${base}:${major}` || e === `${base}:${release}`;
  }
}

export function queryFor(pkg: Package, os: OsInfo | undefined): PackageQuery {
  const base = baseEcosystem(pkg.ecosystem);
  const bySource = BY_SOURCE.has(base);
  const name = normalizePackageName(base, bySource ? (pkg.sourceName ?? pkg.name) : pkg.name);
  const version = bySource ? (pkg.sourceVersion ?? pkg.version) : pkg.version;
  if (pkg.ecosystem.includes(':') && base !== 'Packagist') {
    // The cataloger already named the release (`Debian:12`).
    const exact = pkg.ecosystem;
    return { base, name, version, accepts: (e) => e === exact || releaseMatcher(base, exact.split(':')[1] ?? '')(e) };
  }
  if (!isDistro(base)) return { base, name, version, accepts: (e) => baseEcosystem(e) === base };
  if (base === 'Wolfi' || base === 'Chainguard') return { base, name, version, accepts: (e) => e === base };
  const release = releaseOf(pkg, os);
  if (release === undefined) {
    return { base, name, version, accepts: () => false, problem: `the ${base} release is unknown` };
  }
  return { base, name, version, accepts: releaseMatcher(base, release) };
}

const DISTROS = new Set([
  'Debian',
  'Ubuntu',
  'Alpine',
  'AlmaLinux',
  'Rocky Linux',
  'Red Hat',
  'SUSE',
  'openSUSE',
  'Mageia',
  'openEuler',
  'Wolfi',
  'Chainguard',
]);

export function isDistro(base: string): boolean {
  return DISTROS.has(base);
}
