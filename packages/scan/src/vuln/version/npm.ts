/**
 * npm versions: node-semver's own precedence (the `semver` package) for what npm itself accepts; versions npm would
 * reject but OSV ranges still carry (huge numbers, four parts) fall back to the lenient SemVer order, which agrees with
 * node-semver wherever both apply.
 */
import semver from 'semver';
import type { VersionScheme } from './scheme.js';
import { compareSemver, parseSemver, type SemverVersion } from './semver.js';

interface NpmVersion {
  npm: semver.SemVer | null;
  lenient: SemverVersion;
}

export const npmScheme: VersionScheme<NpmVersion> = {
  name: 'npm semver',
  parse(version) {
    const npm = semver.parse(version.trim(), { loose: true });
    // node-semver's own normal form when it reads the version (`=1.2.3`, `v1.2.3`), else the lenient reading.
    return { npm, lenient: parseSemver(npm?.version ?? version, 'npm semver') };
  },
  compareParsed(a, b) {
    if (a.npm !== null && b.npm !== null) return semver.compare(a.npm, b.npm);
    return compareSemver(a.lenient, b.lenient);
  },
};
