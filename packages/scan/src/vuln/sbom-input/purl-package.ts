/**
 * A package from a purl: the OSV ecosystem and name it is known by (Maven `group:artifact`, Go module path, Composer
 * `vendor/name`, npm `@scope/name`), and for OS packages the distro and the source package the purl names.
 */
import { PackageURL } from 'packageurl-js';
import type { Package } from '../../inventory/types.js';

const LANGUAGE: Readonly<Record<string, string>> = {
  npm: 'npm',
  pypi: 'PyPI',
  maven: 'Maven',
  golang: 'Go',
  cargo: 'crates.io',
  gem: 'RubyGems',
  nuget: 'NuGet',
  composer: 'Packagist',
  pub: 'Pub',
  hex: 'Hex',
  swift: 'SwiftURL',
  cran: 'CRAN',
  hackage: 'Hackage',
  bitnami: 'Bitnami',
};

const OS_NAMESPACES: Readonly<Record<string, string>> = {
  debian: 'Debian',
  ubuntu: 'Ubuntu',
  alpine: 'Alpine',
  wolfi: 'Wolfi',
  chainguard: 'Chainguard',
  almalinux: 'AlmaLinux',
  rocky: 'Rocky Linux',
  'rocky-linux': 'Rocky Linux',
  redhat: 'Red Hat',
  rhel: 'Red Hat',
  opensuse: 'openSUSE',
  suse: 'SUSE',
  sles: 'SUSE',
  mageia: 'Mageia',
  openeuler: 'openEuler',
};

export type PurlPackage = Omit<Package, 'location' | 'licenses'>;

/** Returns the package, or a reason why the purl cannot be matched. */
export function packageFromPurl(purl: string, fallbackVersion?: string): PurlPackage | { problem: string } {
  let p: PackageURL;
  try {
    p = PackageURL.fromString(purl);
  } catch (e) {
    return { problem: `invalid purl ${JSON.stringify(purl)}: ${(e as Error).message}` };
  }
  const version = p.version ?? fallbackVersion;
  if (version === undefined || version === '') return { problem: `purl ${purl} has no version` };
  const qualifiers = (p.qualifiers ?? {}) as Record<string, string>;
  const ns = p.namespace ?? '';
  const language = LANGUAGE[p.type];
  if (language !== undefined) {
    let name = p.name;
    if (p.type === 'maven') name = `${ns}:${p.name}`;
    else if (ns !== '' && (p.type === 'golang' || p.type === 'composer' || p.type === 'npm' || p.type === 'swift')) {
      name = `${ns}/${p.name}`;
    }
    return { name, version, ecosystem: language, purl };
  }
  if (p.type === 'deb' || p.type === 'apk' || p.type === 'rpm') {
    const ecosystem = OS_NAMESPACES[ns.toLowerCase()];
    if (ecosystem === undefined) return { problem: `purl ${purl}: unknown distribution "${ns}"` };
    const pkg: PurlPackage = { name: p.name, version, ecosystem, purl };
    // Syft writes `upstream=src` or `upstream=src@version`; the matcher looks distro advisories up by source.
    const upstream = qualifiers.upstream;
    if (upstream !== undefined && upstream !== '') {
      const at = upstream.indexOf('@');
      pkg.sourceName = at < 0 ? upstream : upstream.slice(0, at);
      if (at >= 0) pkg.sourceVersion = upstream.slice(at + 1);
    }
    if (qualifiers.arch !== undefined) pkg.arch = qualifiers.arch;
    return pkg;
  }
  return { problem: `purl type "${p.type}" has no vulnerability data source` };
}
