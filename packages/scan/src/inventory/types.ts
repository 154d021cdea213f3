/**
 * The inventory model: what is inside a target. Shared with the vulnerability matcher (issue 5) and the SBOM writers; the
 * shape is a contract between the scan parts, so change it only together with them.
 */

/** OSV ecosystem names (https://ossf.github.io/osv-schema/#affectedpackage-field), so matching needs no mapping. */
export type Ecosystem =
  | 'npm'
  | 'PyPI'
  | 'Go'
  | 'Maven'
  | 'crates.io'
  | 'RubyGems'
  | 'Packagist'
  | 'NuGet'
  | 'Debian'
  | 'Alpine'
  | 'Ubuntu'
  | 'Red Hat'
  | 'Rocky Linux'
  | 'AlmaLinux'
  | 'SUSE'
  | 'Wolfi'
  | 'Chainguard'
  | (string & {});

export type TargetType = 'image' | 'fs' | 'rootfs' | 'sbom';

export interface OsInfo {
  /** `ID` of /etc/os-release (`debian`, `alpine`, `ubuntu`, `rhel`, ...). */
  id: string;
  /** `VERSION_ID` (`12`, `3.20.1`, `22.04`). */
  versionId: string;
  name?: string;
  codename?: string;
}

export interface PackageLocation {
  /** Path of the file the package was read from, relative to the target root (`/`-separated, no leading slash). */
  path: string;
  /** 1-based line in that file, where the format has lines. */
  line?: number;
  /** The image layer (`sha256:...`) the file came from. */
  layer?: string;
}

export interface Package {
  name: string;
  version: string;
  ecosystem: Ecosystem;
  /** Package URL (https://github.com/package-url/purl-spec); OS packages carry `distro=` and `arch=` qualifiers. */
  purl: string;
  location: PackageLocation;
  /** Declared licenses as written by the package (SPDX expressions where the source has them). */
  licenses: string[];
  /** `true` for a direct dependency of the project, `false` for a transitive one; absent when the source cannot tell. */
  direct?: boolean;
  /** purls of the packages this one depends on, where the source records edges. */
  dependsOn?: string[];
  /** The source package (dpkg `Source:`, apk origin, rpm source rpm), for distro advisories keyed by source. */
  sourceName?: string;
  sourceVersion?: string;
  /** Architecture where the source records it (`amd64`, `x86_64`, `all`). */
  arch?: string;
  /** Which cataloger found it (`dpkg`, `npm-lock`, `go-binary`, ...). */
  foundBy?: string;
}

/** A file that could not be read or parsed: the scan goes on, and the result is marked partial. */
export interface InventoryError {
  file?: string;
  line?: number;
  message: string;
}

/** Something deliberately not read, with the reason (a Berkeley DB rpmdb, a file over the size limit). */
export interface InventorySkip {
  file: string;
  reason: string;
}

export interface ImageInfo {
  /** The reference as given (`debian:12`, `oci:DIR:tag`, `FILE.tar`). */
  ref: string;
  /** Manifest digest where known. */
  digest?: string;
  /** Config digest (the image ID). */
  configDigest?: string;
  platform?: string;
  layers: { digest: string; diffId?: string; size?: number; cached?: boolean }[];
}

export interface Inventory {
  target: string;
  targetType: TargetType;
  os?: OsInfo;
  packages: Package[];
  /** True when some file could not be read: `errors` says which. */
  partial: boolean;
  errors: InventoryError[];
  skipped?: InventorySkip[];
  image?: ImageInfo;
}
