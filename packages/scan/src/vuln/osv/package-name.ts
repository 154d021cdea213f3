/**
 * Package names as the DB keys them: PEP 503 for PyPI; lower case where the ecosystem treats names case-insensitively
 * (NuGet, Packagist, crates.io, Hackage, Pub, Hex, the distros); Maven `group:artifact` and Go module paths as given.
 */
import { baseEcosystem } from '../version/registry.js';

const CASE_INSENSITIVE = new Set([
  'NuGet',
  'Packagist',
  'crates.io',
  'Hackage',
  'GHC',
  'Pub',
  'Hex',
  'Debian',
  'Ubuntu',
  'Alpine',
  'Wolfi',
  'Chainguard',
  'CRAN',
]);

export function normalizePackageName(ecosystem: string, name: string): string {
  const base = baseEcosystem(ecosystem);
  const trimmed = name.trim();
  if (base === 'PyPI') return trimmed.toLowerCase().replace(/[-_.]+/g, '-');
  if (base === 'crates.io') return trimmed.toLowerCase().replace(/_/g, '-');
  if (CASE_INSENSITIVE.has(base)) return trimmed.toLowerCase();
  return trimmed;
}
