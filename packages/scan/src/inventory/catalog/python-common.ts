/** PyPI names normalized per PEP 503 (runs of `-`, `_`, `.` become `-`, lower case), as OSV and the purl spec expect. */
import type { PackageLocation } from '../types.js';
import type { FoundPackage } from './cataloger.js';

export function normalizePythonName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

export function pythonPackage(
  name: string,
  version: string,
  location: PackageLocation,
  licenses: string[],
  foundBy: string,
): FoundPackage {
  return {
    name: normalizePythonName(name),
    version,
    ecosystem: 'PyPI',
    purl: { type: 'pypi' },
    location,
    licenses,
    foundBy,
  };
}
