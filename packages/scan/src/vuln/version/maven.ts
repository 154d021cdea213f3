/**
 * Maven versions, by the version order specification of the POM reference (ComparableVersion): tokens split at `.`,
 * `-` and digit/letter transitions (a transition counts as `-`), trailing null values (`0`, ``, `final`, `ga`) trimmed
 * before each hyphen, the shorter version padded with nulls, and qualifiers ordered
 * alpha < beta < milestone < rc = cr < snapshot < (release) < sp < unknown (lexical).
 */
import { compareDigits, compareStrings, type VersionScheme } from './scheme.js';

type Prefix = '' | '.' | '-';

interface MavenToken {
  prefix: Prefix;
  value: string;
  numeric: boolean;
  /** A padding value, added to compare versions of different lengths. */
  pad: boolean;
}

export type MavenVersion = readonly MavenToken[];

const KEYWORDS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Readonly<Record<string, string>> = { cr: 'rc', ga: '', final: '', release: '' };
const SHORT: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta', m: 'milestone' };

export function parseMaven(version: string): MavenVersion {
  const tokens: MavenToken[] = [];
  const parts = version
    .trim()
    .toLowerCase()
    .split(/([.-])/);
  for (let i = 0; i < parts.length; i += 2) {
    const raw = parts[i] as string;
    let prefix: Prefix = i === 0 ? '' : (parts[i - 1] as Prefix);
    const pieces = raw.match(/\d+|\D+/g) ?? [''];
    pieces.forEach((piece, j) => {
      if (j > 0) prefix = '-';
      let value = piece === '' ? '0' : piece;
      value = ALIASES[value] ?? value;
      // `a1`, `b2`, `m3`: the short forms count only when a number follows directly.
      if (j < pieces.length - 1) value = SHORT[value] ?? value;
      const numeric = /^\d+$/.test(value);
      if (numeric) value = value.replace(/^0+(?=\d)/, '');
      tokens.push({ prefix, value, numeric, pad: false });
    });
  }
  return trimNulls(tokens);
}

function isNull(t: MavenToken): boolean {
  return t.value === '0' || t.value === '';
}

/** From the end, drop null values; then again before each remaining hyphen, walking back to the start. */
function trimNulls(tokens: MavenToken[]): MavenToken[] {
  let i = tokens.length - 1;
  while (i > 0) {
    if (isNull(tokens[i] as MavenToken)) {
      tokens.splice(i, 1);
      i--;
      continue;
    }
    while (i >= 0 && (tokens[i] as MavenToken).prefix !== '-') i--;
    i--;
  }
  return tokens;
}

function padFor(other: MavenToken): MavenToken {
  if (other.prefix === '-') return { prefix: '-', value: '', numeric: false, pad: true };
  // `sp` is the one qualifier that sorts after the empty value; a `.` pad must compare as that empty value to it.
  return other.value === 'sp'
    ? { prefix: '.', value: '', numeric: false, pad: true }
    : { prefix: '.', value: '0', numeric: true, pad: true };
}

/** `.qualifier` < `-qualifier` < `-number` < `.number`. */
function prefixRank(t: MavenToken): number {
  if (t.numeric) return t.prefix === '-' ? 2 : 3;
  return t.prefix === '-' ? 1 : 0;
}

function keywordRank(value: string): number {
  const i = KEYWORDS.indexOf(value);
  return i < 0 ? KEYWORDS.length : i;
}

function compareTokens(a: MavenToken, b: MavenToken): number {
  if (a.prefix !== b.prefix) return prefixRank(a) - prefixRank(b);
  if (a.numeric && b.numeric) return compareDigits(a.value, b.value);
  if (a.numeric && !a.pad) return 1;
  if (b.numeric && !b.pad) return -1;
  const ra = keywordRank(a.value);
  const rb = keywordRank(b.value);
  if (ra === KEYWORDS.length && rb === KEYWORDS.length) return compareStrings(a.value, b.value);
  return ra - rb;
}

export function compareMaven(a: MavenVersion, b: MavenVersion): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? padFor(b[i] as MavenToken);
    const y = b[i] ?? padFor(a[i] as MavenToken);
    if (x.prefix === y.prefix && x.value === y.value) continue;
    const c = compareTokens(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

export const mavenScheme: VersionScheme<MavenVersion> = {
  name: 'maven',
  parse: parseMaven,
  compareParsed: compareMaven,
};
