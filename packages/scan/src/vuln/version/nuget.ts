/**
 * NuGet versions (NuGetVersion): up to four numbers (missing ones are 0, leading zeros ignored), an optional
 * prerelease label compared identifier by identifier, case-insensitively (numbers numerically, and before words), and
 * build metadata that never affects order.
 */
import { compareDigits, InvalidVersionError, type VersionScheme } from './scheme.js';
import { comparePrerelease } from './semver.js';

export interface NuGetVersion {
  numbers: [string, string, string, string];
  pre: string[];
}

const SHAPE =
  /^[vV]?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]*)?$/;

export function parseNuGet(version: string): NuGetVersion {
  const m = SHAPE.exec(version.trim());
  if (m === null) throw new InvalidVersionError(version, 'NuGet', 'it is not N[.N[.N[.N]]][-label][+metadata]');
  return {
    numbers: [m[1] as string, m[2] ?? '0', m[3] ?? '0', m[4] ?? '0'],
    pre: m[5] === undefined ? [] : m[5].toLowerCase().split('.'),
  };
}

export function compareNuGet(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    const c = compareDigits(a.numbers[i] as string, b.numbers[i] as string);
    if (c !== 0) return c;
  }
  return comparePrerelease(a.pre, b.pre);
}

export const nugetScheme: VersionScheme<NuGetVersion> = {
  name: 'NuGet',
  parse: parseNuGet,
  compareParsed: compareNuGet,
};
