/**
 * The cataloger contract: each package format is one cataloger that names the files it wants (by path, cheaply, before
 * anything is read) and parses one file's bytes into packages. The walkers read nothing a cataloger did not ask for.
 */
import type { InventorySkip, OsInfo, Package } from '../types.js';

/** Which scans a cataloger runs in: `fs` reads lockfiles and manifests, `rootfs` (and images) installed packages. */
export type ScanMode = 'fs' | 'rootfs';

/** A package before the finishing pass: the purl is built there, once the OS (for `distro=`) is known. */
export interface FoundPackage extends Omit<Package, 'purl' | 'ecosystem'> {
  ecosystem: Package['ecosystem'];
  /** purl type, namespace and qualifiers; OS packages get `distro=` added from os-release. */
  purl: {
    type: string;
    namespace?: string;
    name?: string;
    /** When the purl spells the version differently (rpm: epoch is a qualifier, not part of the version). */
    version?: string;
    qualifiers?: Record<string, string>;
    subpath?: string;
  };
  /** OS packages: ecosystem and purl namespace come from os-release (Debian vs Ubuntu share dpkg). */
  osPackage?: boolean;
  /** Edges before purls exist, as `name` or `name@version`: the finishing pass maps them to purls within the same file. */
  dependsOnNames?: string[];
}

export interface CatalogFile {
  /** Path relative to the target root, `/`-separated, no leading slash. */
  path: string;
  layer?: string;
  size: number;
}

export interface CatalogResult {
  packages: FoundPackage[];
  /** Licenses declared outside the package database (Debian copyright files), for packages found by `foundBy`. */
  packageLicenses?: { foundBy: string; name: string; licenses: string[] }[];
  os?: OsInfo;
  skipped?: InventorySkip[];
}

export interface Cataloger {
  readonly name: string;
  readonly modes: readonly ScanMode[];
  /**
   * Decides from the path (and size, mode bits) alone; must be cheap: it runs for every file of the target. Walkers
   * first ask with size and mode -1 (unknown, before any stat): answer true if the file could be wanted.
   */
  wants(path: string, size: number, mode: number): boolean;
  /** Optional cheap check of the first bytes (e.g. ELF magic) before the whole file is read. */
  readonly peek?: { bytes: number; accept(head: Buffer): boolean };
  /** Parses one file. Throws CatalogError for a malformed file; the scan records it and goes on. */
  parse(content: Buffer, file: CatalogFile): CatalogResult | Promise<CatalogResult>;
}

/** A malformed input file: the walker adds the file path and the scan goes on without it. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** The last path segment. */
export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
