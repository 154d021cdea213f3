/**
 * RPM versions (Red Hat, AlmaLinux, Rocky, SUSE, openSUSE): `[epoch:]version[-release]`, each part compared with
 * rpmvercmp: alternating digit and letter segments, separators ignored, `~` sorts before everything (even the end) and
 * `^` after the end but before any further segment.
 */
import { compareDigits, compareStrings, InvalidVersionError, type VersionScheme } from './scheme.js';

export interface RpmVersion {
  epoch: string;
  version: string;
  release: string;
}

export function parseRpm(input: string): RpmVersion {
  const v = input.trim();
  if (v === '') throw new InvalidVersionError(input, 'rpm', 'it is empty');
  // Only digits before the first `:` make an epoch; otherwise the colon belongs to the version.
  const colon = v.indexOf(':');
  const hasEpoch = colon >= 0 && /^\d*$/.test(v.slice(0, colon));
  const epoch = hasEpoch ? v.slice(0, colon) || '0' : '0';
  const rest = hasEpoch ? v.slice(colon + 1) : v;
  // RPM forbids `-` inside version and release, so the first one separates them.
  const dash = rest.indexOf('-');
  return dash >= 0
    ? { epoch, version: rest.slice(0, dash), release: rest.slice(dash) }
    : { epoch, version: rest, release: '' };
}

export function compareRpm(a: RpmVersion, b: RpmVersion): number {
  const e = compareDigits(a.epoch, b.epoch);
  if (e !== 0) return e;
  return rpmvercmp(a.version, b.version) || rpmvercmp(a.release, b.release);
}

const isAlnum = (c: string) => /[A-Za-z0-9]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';
const isAlpha = (c: string) => /[A-Za-z]/.test(c);

/** rpmvercmp(a, b): -1, 0 or 1. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  // An absent part is older than any present one (a release-less version before `-1`).
  if (a === '' || b === '') return a === '' ? -1 : 1;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i] as string) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j] as string) && b[j] !== '~' && b[j] !== '^') j++;
    // Tilde: older than anything, even the end of the string.
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    // Caret: newer than the end of the string, older than any further segment.
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i] as string);
    const test = numeric ? isDigit : isAlpha;
    const aStart = i;
    while (i < a.length && test(a[i] as string)) i++;
    const bStart = j;
    while (j < b.length && test(b[j] as string)) j++;
    const x = a.slice(aStart, i);
    const y = b.slice(bStart, j);
    // Segments of different types: the numeric one is newer.
    if (y === '') return numeric ? 1 : -1;
    const c = numeric ? compareDigits(x, y) : compareStrings(x, y);
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

export const rpmScheme: VersionScheme<RpmVersion> = { name: 'rpm', parse: parseRpm, compareParsed: compareRpm };
