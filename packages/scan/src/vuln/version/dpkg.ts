/**
 * Debian and Ubuntu versions, as dpkg orders them: `[epoch:]upstream[-revision]`; within each part, runs of non-digits
 * compare with letters before non-letters and `~` before everything (even the end), then runs of digits compare
 * numerically.
 */
import { compareDigits, InvalidVersionError, type VersionScheme } from './scheme.js';

export interface DpkgVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

export function parseDpkg(version: string): DpkgVersion {
  const v = version.trim();
  if (v === '') throw new InvalidVersionError(version, 'dpkg', 'it is empty');
  const colon = v.indexOf(':');
  let epoch = '0';
  let rest = v;
  if (colon >= 0) {
    epoch = v.slice(0, colon);
    if (!/^\d+$/.test(epoch)) throw new InvalidVersionError(version, 'dpkg', 'the epoch is not a number');
    rest = v.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  const revision = dash >= 0 ? rest.slice(dash + 1) : '';
  if (upstream === '' || !/^\d/.test(upstream)) {
    throw new InvalidVersionError(version, 'dpkg', 'the upstream version must start with a digit');
  }
  if (/[^A-Za-z0-9.+~:-]/.test(upstream) || /[^A-Za-z0-9.+~]/.test(revision)) {
    throw new InvalidVersionError(version, 'dpkg', 'it contains characters dpkg does not allow');
  }
  return { epoch, upstream, revision };
}

export function compareDpkg(a: DpkgVersion, b: DpkgVersion): number {
  return compareDigits(a.epoch, b.epoch) || verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision);
}

function order(c: number): number {
  if (c >= 48 && c <= 57) return 0; // digit (not reached in the non-digit loop)
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c;
  if (c === 126) return -1; // '~'
  return c + 256;
}

function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = i < a.length ? order(a.charCodeAt(i)) : 0;
      const bc = j < b.length ? order(b.charCodeAt(j)) : 0;
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    const aStart = i;
    while (i < a.length && isDigit(a.charCodeAt(i))) i++;
    const bStart = j;
    while (j < b.length && isDigit(b.charCodeAt(j))) j++;
    firstDiff = compareDigits(a.slice(aStart, i) || '0', b.slice(bStart, j) || '0');
    if (firstDiff !== 0) return firstDiff;
  }
  return 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export const dpkgScheme: VersionScheme<DpkgVersion> = { name: 'dpkg', parse: parseDpkg, compareParsed: compareDpkg };
