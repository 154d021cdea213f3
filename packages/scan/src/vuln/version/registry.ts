/**
 * Which version scheme orders which OSV ecosystem. Distro ecosystems carry a release suffix (`Debian:12`,
 * `Alpine:v3.19`, `AlmaLinux:9`); the base name before the first `:` picks the scheme.
 */
import { apkScheme } from './apk.js';
import { cranScheme, hackageScheme } from './dotted.js';
import { dpkgScheme } from './dpkg.js';
import { goScheme } from './go.js';
import { mavenScheme } from './maven.js';
import { npmScheme } from './npm.js';
import { nugetScheme } from './nuget.js';
import { packagistScheme } from './packagist.js';
import { pep440Scheme } from './pep440.js';
import { pubScheme } from './pub.js';
import { rpmScheme } from './rpm.js';
import { rubyGemsScheme } from './rubygems.js';
import type { VersionScheme } from './scheme.js';
import { semverScheme } from './semver.js';

const BY_BASE: ReadonlyMap<string, VersionScheme> = new Map<string, VersionScheme>([
  ['npm', npmScheme as VersionScheme],
  ['PyPI', pep440Scheme as VersionScheme],
  ['Maven', mavenScheme as VersionScheme],
  ['Go', goScheme as VersionScheme],
  ['RubyGems', rubyGemsScheme as VersionScheme],
  ['crates.io', semverScheme as VersionScheme],
  ['NuGet', nugetScheme as VersionScheme],
  ['Packagist', packagistScheme as VersionScheme],
  ['Hex', semverScheme as VersionScheme],
  ['Pub', pubScheme as VersionScheme],
  ['SwiftURL', semverScheme as VersionScheme],
  ['Bitnami', semverScheme as VersionScheme],
  ['CRAN', cranScheme as VersionScheme],
  ['Hackage', hackageScheme as VersionScheme],
  ['GHC', hackageScheme as VersionScheme],
  ['Debian', dpkgScheme as VersionScheme],
  ['Ubuntu', dpkgScheme as VersionScheme],
  ['Alpine', apkScheme as VersionScheme],
  ['Wolfi', apkScheme as VersionScheme],
  ['Chainguard', apkScheme as VersionScheme],
  ['AlmaLinux', rpmScheme as VersionScheme],
  ['Rocky Linux', rpmScheme as VersionScheme],
  ['Red Hat', rpmScheme as VersionScheme],
  ['openSUSE', rpmScheme as VersionScheme],
  ['SUSE', rpmScheme as VersionScheme],
  ['Mageia', rpmScheme as VersionScheme],
  ['openEuler', rpmScheme as VersionScheme],
]);

/** `Debian:12` → `Debian`; `Packagist:https://packages.drupal.org/8` → `Packagist`. */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon);
}

/** The scheme for an OSV ecosystem, or undefined when Rampart does not know how that ecosystem orders versions. */
export function schemeFor(ecosystem: string): VersionScheme | undefined {
  return BY_BASE.get(baseEcosystem(ecosystem));
}

export const SUPPORTED_ECOSYSTEMS: readonly string[] = [...BY_BASE.keys()];
