/**
 * Dart Pub versions: SemVer, except that build metadata counts: a version with a build is newer than the same version
 * without one, and builds compare identifier by identifier like prerelease labels.
 */
import type { VersionScheme } from './scheme.js';
import { comparePrerelease, compareSemver, parseSemver, type SemverVersion } from './semver.js';

function buildIds(v: SemverVersion): string[] {
  const plus = v.build.indexOf('+');
  return plus < 0 ? [] : v.build.slice(plus + 1).split('.');
}

export const pubScheme: VersionScheme<SemverVersion> = {
  name: 'Pub semver',
  parse: (v) => parseSemver(v, 'Pub semver'),
  compareParsed(a, b) {
    const c = compareSemver(a, b);
    if (c !== 0) return c;
    const x = buildIds(a);
    const y = buildIds(b);
    if (x.length === 0 || y.length === 0) return x.length - y.length;
    return comparePrerelease(x, y);
  },
};
