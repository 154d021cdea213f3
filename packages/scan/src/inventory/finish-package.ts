/**
 * The finishing of one package: OS packages take their ecosystem and purl namespace from os-release (dpkg serves
 * Debian and Ubuntu alike) and a `distro=` qualifier; every purl is built here, once, through packageurl-js.
 */
import type { FoundPackage } from './catalog/cataloger.js';
import { buildPurl } from './purl/build.js';
import type { OsInfo, Package } from './types.js';

/** os-release ID → OSV ecosystem; the rest keep their capitalized ID. */
const OS_ECOSYSTEMS: Record<string, string> = {
  debian: 'Debian',
  ubuntu: 'Ubuntu',
  alpine: 'Alpine',
  wolfi: 'Wolfi',
  chainguard: 'Chainguard',
  rhel: 'Red Hat',
  centos: 'Red Hat',
  rocky: 'Rocky Linux',
  almalinux: 'AlmaLinux',
  sles: 'SUSE',
  'opensuse-leap': 'SUSE',
  fedora: 'Fedora',
  amzn: 'Amazon Linux',
  ol: 'Oracle Linux',
  photon: 'Photon OS',
  mariner: 'Mariner',
  azurelinux: 'Azure Linux',
};

/** purl namespaces that differ from the os-release ID (purl-spec names the vendor: pkg:rpm/redhat/...). */
const OS_NAMESPACE: Record<string, string> = {
  rhel: 'redhat',
  ol: 'oracle',
  amzn: 'amazon',
  sles: 'suse',
  'opensuse-leap': 'opensuse',
};

/** purl namespaces when there is no os-release (purl-spec examples: deb/debian, apk/alpine, rpm/redhat). */
const DEFAULT_NAMESPACE: Record<string, string> = { deb: 'debian', apk: 'alpine', rpm: 'redhat' };

export function finishPackage(f: FoundPackage, os: OsInfo | undefined): Package {
  const { purl: parts, osPackage, dependsOnNames: _names, ...rest } = f;
  let ecosystem = f.ecosystem;
  let namespace = parts.namespace;
  const qualifiers = { ...(parts.qualifiers ?? {}) };
  if (osPackage === true) {
    namespace = os === undefined ? (DEFAULT_NAMESPACE[parts.type] ?? parts.type) : (OS_NAMESPACE[os.id] ?? os.id);
    if (os !== undefined) {
      ecosystem = OS_ECOSYSTEMS[os.id] ?? os.id;
      if (os.versionId !== '') qualifiers.distro = `${os.id}-${os.versionId}`;
    }
  }
  const purl = buildPurl({
    type: parts.type,
    namespace,
    name: parts.name ?? f.name,
    version: parts.version ?? f.version,
    qualifiers,
    subpath: parts.subpath,
  });
  return { ...rest, ecosystem, purl };
}

export function comparePackages(a: Package, b: Package): number {
  return (
    cmp(a.ecosystem, b.ecosystem) ||
    cmp(a.name, b.name) ||
    cmp(a.version, b.version) ||
    cmp(a.location.path, b.location.path) ||
    (a.location.line ?? 0) - (b.location.line ?? 0)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
