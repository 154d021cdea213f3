/**
 * Packagist (Composer) versions, ordered as PHP's version_compare after canonicalization: a leading `v` dropped,
 * `-`, `_` and `+` become `.`, and a `.` is inserted between digits and letters; special words order
 * dev < alpha = a < beta = b < RC = rc < (number) < pl = p, matched by prefix.
 */
import { compareDigits, type VersionScheme } from './scheme.js';

export type PackagistVersion = readonly string[];

export function parsePackagist(version: string): PackagistVersion {
  const v = version
    .trim()
    .replace(/^[vV]/, '')
    .replace(/[-_+]/g, '.')
    .replace(/([^\d.])(\d)/g, '$1.$2')
    .replace(/(\d)([^\d.])/g, '$1.$2');
  return v.split('.');
}

/** Weight of a special word; `#` stands for "a number here". Unknown words weigh as `dev`. */
function weight(word: string): number {
  if (word.startsWith('RC')) return 3;
  const specials = ['dev', 'a', 'b', 'rc', '#', 'p'];
  for (let i = 0; i < specials.length; i++) if (word.startsWith(specials[i] as string)) return i;
  return 0;
}

const isNumber = (s: string) => /^\d+$/.test(s);

export function comparePackagist(a: PackagistVersion, b: PackagistVersion): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    const xn = isNumber(x);
    const yn = isNumber(y);
    let c: number;
    if (xn && yn) c = compareDigits(x, y);
    else c = weight(xn ? '#' : x) - weight(yn ? '#' : y);
    if (c !== 0) return c;
  }
  if (a.length > b.length) return isNumber(a[n] as string) ? 1 : comparePackagist(a.slice(n), ['#']);
  if (a.length < b.length) return isNumber(b[n] as string) ? -1 : comparePackagist(['#'], b.slice(n));
  return 0;
}

export const packagistScheme: VersionScheme<PackagistVersion> = {
  name: 'Packagist',
  parse: parsePackagist,
  compareParsed: comparePackagist,
};
