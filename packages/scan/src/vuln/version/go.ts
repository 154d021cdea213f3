/**
 * Go module versions: SemVer with a `v` prefix. `+incompatible` is build metadata (no effect on precedence), and
 * pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`, `v1.2.4-0.2019...`) are prereleases whose timestamp orders
 * them, which SemVer's prerelease rules already do.
 */
import type { VersionScheme } from './scheme.js';
import { compareSemver, parseSemver, type SemverVersion } from './semver.js';

export const goScheme: VersionScheme<SemverVersion> = {
  name: 'Go semver',
  parse: (v) => parseSemver(v, 'Go semver'),
  compareParsed: compareSemver,
};
