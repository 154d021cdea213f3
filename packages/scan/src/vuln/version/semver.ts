/**
 * SemVer 2.0 as OSV's SEMVER ranges use it (npm, crates.io, Go, Hex, Pub-like): a leading `v` is accepted, numbers may
 * be arbitrarily long, missing minor/patch count as 0, and anything after the third number is build metadata (as
 * osv-scanner reads it). Precedence ignores build metadata.
 */
import { compareDigits, compareStrings, InvalidVersionError, type VersionScheme } from './scheme.js';

export interface SemverVersion {
  core: [string, string, string];
  /** Prerelease identifiers; empty for a release. */
  pre: string[];
  build: string;
}

const SHAPE = /^[vV]?(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/s;

export function parseSemver(version: string, schemeName = 'semver'): SemverVersion {
  const m = SHAPE.exec(version.trim());
  if (m === null) throw new InvalidVersionError(version, schemeName, 'it does not start with a number');
  let rest = m[4] ?? '';
  let pre: string[] = [];
  let build = '';
  const extra = /^(?:\.\d+)+/.exec(rest);
  if (extra !== null) {
    // `1.2.3.4`: extra numbers are metadata, not precedence (`1.x` is not a version at all).
    build = extra[0];
    rest = rest.slice(extra[0].length);
  }
  if (rest.startsWith('-')) {
    const plus = rest.indexOf('+');
    const preText = plus < 0 ? rest.slice(1) : rest.slice(1, plus);
    pre = preText.split('.');
    rest = plus < 0 ? '' : rest.slice(plus);
  }
  if (rest.startsWith('+')) build += rest;
  else if (rest !== '') throw new InvalidVersionError(version, schemeName, `unexpected "${rest}" after the version`);
  return { core: [m[1] as string, m[2] ?? '0', m[3] ?? '0'], pre, build };
}

export function compareSemver(a: SemverVersion, b: SemverVersion): number {
  for (let i = 0; i < 3; i++) {
    const c = compareDigits(a.core[i] as string, b.core[i] as string);
    if (c !== 0) return c;
  }
  return comparePrerelease(a.pre, b.pre);
}

/** A release outranks its prereleases; identifiers compare numerically when numeric, numbers before words. */
export function comparePrerelease(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    const xNum = /^\d+$/.test(x);
    const yNum = /^\d+$/.test(y);
    let c: number;
    if (xNum && yNum) c = compareDigits(x, y);
    else if (xNum) c = -1;
    else if (yNum) c = 1;
    else c = compareStrings(x, y);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export const semverScheme: VersionScheme<SemverVersion> = {
  name: 'semver',
  parse: (v) => parseSemver(v),
  compareParsed: compareSemver,
};
