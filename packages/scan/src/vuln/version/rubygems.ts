/**
 * RubyGems versions (Gem::Version): `-` means `.pre.`; segments are numbers or letter runs; trailing zeros of the
 * numeric part and of the part after the first letter segment are dropped; a letter segment (a prerelease) sorts before
 * any number, numbers numerically, letters byte-wise.
 */
import { compareDigits, compareStrings, InvalidVersionError, type VersionScheme } from './scheme.js';

type Segment = string; // digits, or a letter run (told apart by the first character)

// Looser than Gem::Version's own pattern: OSV data and lockfiles carry forms like `1beta` that still order.
const READABLE = /^\s*[0-9A-Za-z][0-9A-Za-z.-]*\s*$/;

export function parseRubyGems(version: string): Segment[] {
  if (!READABLE.test(version)) throw new InvalidVersionError(version, 'RubyGems', 'it is not a Gem::Version');
  const text = version.trim() === '' ? '0' : version.trim().replace(/-/g, '.pre.');
  const segments = text.match(/[0-9]+|[a-z]+/gi) ?? [];
  const firstWord = segments.findIndex((s) => !isNumber(s));
  const numeric = firstWord < 0 ? segments : segments.slice(0, firstWord);
  const rest = firstWord < 0 ? [] : segments.slice(firstWord);
  return [...dropTrailingZeros(numeric), ...dropTrailingZeros(rest)];
}

function isNumber(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 48 && c <= 57;
}

function dropTrailingZeros(segments: string[]): string[] {
  let end = segments.length;
  while (end > 0 && isNumber(segments[end - 1] as string) && /^0+$/.test(segments[end - 1] as string)) end--;
  return segments.slice(0, end);
}

export function compareRubyGems(a: readonly Segment[], b: readonly Segment[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? '0';
    const y = b[i] ?? '0';
    const xNum = isNumber(x);
    const yNum = isNumber(y);
    if (xNum && yNum) {
      const c = compareDigits(x, y);
      if (c !== 0) return c;
    } else if (xNum !== yNum) {
      return xNum ? 1 : -1;
    } else {
      const c = compareStrings(x, y);
      if (c !== 0) return c;
    }
  }
  return 0;
}

export const rubyGemsScheme: VersionScheme<Segment[]> = {
  name: 'RubyGems',
  parse: parseRubyGems,
  compareParsed: compareRubyGems,
};
