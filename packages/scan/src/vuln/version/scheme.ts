/**
 * A version scheme orders the versions of one ecosystem. `parse` throws InvalidVersionError for a version the scheme
 * cannot read, so the matcher can report the finding with low confidence instead of silently dropping the package.
 */
export interface VersionScheme<T = unknown> {
  /** The scheme's name, as reports print it (`semver`, `pep440`, `dpkg`, ...). */
  readonly name: string;
  parse(version: string): T;
  /** Negative, zero or positive, as `a` is older than, equal to, or newer than `b`. */
  compareParsed(a: T, b: T): number;
  /**
   * For schemes that order every string (apk, legacy PEP 440): why a version that parsed is still not a real version
   * of the ecosystem, so a match resting on it is reported with low confidence. Undefined when it is fine.
   */
  doubt?(version: string): string | undefined;
}

export class InvalidVersionError extends Error {
  override readonly name = 'InvalidVersionError';
  constructor(
    readonly version: string,
    readonly scheme: string,
    readonly reason: string,
  ) {
    super(`version "${version}" is not a valid ${scheme} version: ${reason}`);
  }
}

/** Compares two version strings in one scheme (parses both; throws InvalidVersionError). */
export function compareVersions<T>(scheme: VersionScheme<T>, a: string, b: string): number {
  return sign(scheme.compareParsed(scheme.parse(a), scheme.parse(b)));
}

export function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Compares digit strings of any length numerically (no BigInt allocation): longer wins once leading zeros are gone. */
export function compareDigits(a: string, b: string): number {
  const x = stripZeros(a);
  const y = stripZeros(b);
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function stripZeros(s: string): string {
  let i = 0;
  while (i < s.length - 1 && s.charCodeAt(i) === 48) i++;
  return i === 0 ? s : s.slice(i);
}

/** Plain byte-wise string order (as C's strcmp), independent of locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
