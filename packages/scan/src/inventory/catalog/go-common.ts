/** Go modules as packages: the name is the module path; the purl splits it into namespace and last segment. */
import type { PackageLocation } from '../types.js';
import type { FoundPackage } from './cataloger.js';

export function goPackage(module: string, version: string, location: PackageLocation, foundBy: string): FoundPackage {
  const i = module.lastIndexOf('/');
  const purl =
    i > 0 ? { type: 'golang', namespace: module.slice(0, i), name: module.slice(i + 1) } : { type: 'golang' };
  return { name: module, version, ecosystem: 'Go', purl, location, licenses: [], foundBy };
}
