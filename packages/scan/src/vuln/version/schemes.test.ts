/** Cases the public vectors do not spell out, each a rule the issue names. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dpkgScheme } from './dpkg.js';
import { goScheme } from './go.js';
import { mavenScheme } from './maven.js';
import { npmScheme } from './npm.js';
import { pep440Scheme } from './pep440.js';
import { schemeFor } from './registry.js';
import { rpmScheme } from './rpm.js';
import { compareVersions, InvalidVersionError } from './scheme.js';

test('Go: +incompatible is build metadata; pseudo-versions order by their base and timestamp', () => {
  assert.equal(compareVersions(goScheme, 'v2.0.0+incompatible', '2.0.0'), 0);
  assert.equal(
    compareVersions(goScheme, 'v0.0.0-20191109021931-daa7c04131f5', '0.0.0-20200101000000-000000000000'),
    -1,
  );
  assert.equal(compareVersions(goScheme, 'v1.2.4-0.20191109021931-daa7c04131f5', '1.2.3'), 1);
  assert.equal(compareVersions(goScheme, 'v1.2.4-0.20191109021931-daa7c04131f5', '1.2.4'), -1);
});

test('npm: node-semver loose forms; a non-version is an InvalidVersionError', () => {
  assert.equal(compareVersions(npmScheme, '=1.2.3', 'v1.2.3'), 0);
  assert.throws(() => npmScheme.parse('latest'), InvalidVersionError);
  assert.throws(() => npmScheme.parse('1.x'), /not a valid npm semver version/);
});

test('PEP 440: epochs, normalization of spellings, local versions after their public version', () => {
  assert.equal(compareVersions(pep440Scheme, '1!0.1', '2.0'), 1);
  assert.equal(compareVersions(pep440Scheme, '1.0-alpha-1', '1.0a1'), 0);
  assert.equal(compareVersions(pep440Scheme, '1.0.post1', '1.0-1'), 0);
  assert.equal(compareVersions(pep440Scheme, '1.0+ubuntu1', '1.0'), 1);
  assert.equal(compareVersions(pep440Scheme, '1.0.dev1', '1.0a1'), -1);
  assert.equal(pep440Scheme.doubt?.('1.0'), undefined);
  assert.match(pep440Scheme.doubt?.('1.0-bulbasaur') ?? '', /legacy/);
});

test('dpkg: epoch, tilde before everything, revision', () => {
  assert.equal(compareVersions(dpkgScheme, '1:1.0', '2.0'), 1);
  assert.equal(compareVersions(dpkgScheme, '1.0~rc1', '1.0'), -1);
  assert.equal(compareVersions(dpkgScheme, '1.1.0l-1~deb9u6', '1.1.0f-3+deb9u2'), 1);
  assert.throws(() => dpkgScheme.parse('a1.0'), /must start with a digit/);
});

test('rpm: epoch, tilde and caret', () => {
  assert.equal(compareVersions(rpmScheme, '1:0.1-1.el8', '0.2-1.el8'), 1);
  assert.equal(compareVersions(rpmScheme, '1.0~rc1-1', '1.0-1'), -1);
  assert.equal(compareVersions(rpmScheme, '1.0^git1-1', '1.0-1'), 1);
});

test('Maven: qualifiers and padding', () => {
  assert.equal(compareVersions(mavenScheme, '1.0.0.Final', '1'), 0);
  assert.equal(compareVersions(mavenScheme, '4.1.59.Final', '4.1.50.Final'), 1);
  assert.equal(compareVersions(mavenScheme, '1.0-alpha-1', '1.0'), -1);
  assert.equal(compareVersions(mavenScheme, '1.0-SNAPSHOT', '1.0-rc1'), 1);
});

test('distro ecosystems pick their scheme by base name; unknown ecosystems have none', () => {
  assert.equal(schemeFor('Debian:12')?.name, 'dpkg');
  assert.equal(schemeFor('Ubuntu:22.04:LTS')?.name, 'dpkg');
  assert.equal(schemeFor('Alpine:v3.19')?.name, 'apk');
  assert.equal(schemeFor('AlmaLinux:9')?.name, 'rpm');
  assert.equal(schemeFor('Packagist:https://packages.drupal.org/8')?.name, 'Packagist');
  assert.equal(schemeFor('Gentoo'), undefined);
});
