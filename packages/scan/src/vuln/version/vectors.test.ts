/**
 * Every line of the public comparison vectors in ../shared/data/versions must pass, both ways (A vs B gives OP and
 * B vs A its inverse), as the upstream tests check them. Each file prints its counts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedData } from '@rampart/core/testing';
import { apkScheme, compareApk, isValidApk, tokenizeApk } from './apk.js';
import { cranScheme, hackageScheme } from './dotted.js';
import { dpkgScheme } from './dpkg.js';
import { mavenScheme } from './maven.js';
import { npmScheme } from './npm.js';
import { nugetScheme } from './nuget.js';
import { packagistScheme } from './packagist.js';
import { pep440Scheme } from './pep440.js';
import { pubScheme } from './pub.js';
import { rpmScheme, rpmvercmp } from './rpm.js';
import { rubyGemsScheme } from './rubygems.js';
import { compareVersions, type VersionScheme } from './scheme.js';
import { goScheme } from './go.js';
import { semverScheme } from './semver.js';

const data = sharedData('versions');

const SCALIBR: ReadonlyArray<[string, VersionScheme[]]> = [
  ['alpine-versions-generated.txt', [apkScheme as VersionScheme]],
  ['alpine-versions.txt', [apkScheme as VersionScheme]],
  ['cran-versions-generated.txt', [cranScheme]],
  ['cran-versions.txt', [cranScheme]],
  ['debian-versions-generated.txt', [dpkgScheme as VersionScheme]],
  ['debian-versions.txt', [dpkgScheme as VersionScheme]],
  ['hackage-versions.txt', [hackageScheme]],
  ['maven-versions-generated.txt', [mavenScheme as VersionScheme]],
  ['maven-versions.txt', [mavenScheme as VersionScheme]],
  ['nuget-versions.txt', [nugetScheme as VersionScheme]],
  ['packagist-versions-generated.txt', [packagistScheme as VersionScheme]],
  ['packagist-versions.txt', [packagistScheme as VersionScheme]],
  ['pub-versions.txt', [pubScheme as VersionScheme]],
  ['pypi-versions-generated.txt', [pep440Scheme as VersionScheme]],
  ['pypi-versions.txt', [pep440Scheme as VersionScheme]],
  ['redhat-versions.txt', [rpmScheme as VersionScheme]],
  ['rubygems-versions-generated.txt', [rubyGemsScheme as VersionScheme]],
  ['rubygems-versions.txt', [rubyGemsScheme as VersionScheme]],
  ['semver-versions.txt', [npmScheme as VersionScheme, semverScheme as VersionScheme, goScheme as VersionScheme]],
];

const EXPECT: Readonly<Record<string, number>> = { '<': -1, '=': 0, '>': 1 };

function lines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('# ') && !l.startsWith('// ') && l.trim() !== '');
}

for (const [file, schemes] of SCALIBR) {
  for (const scheme of schemes) {
    test(`osv-scalibr ${file} (${scheme.name})`, { skip: data.skip }, (t) => {
      const failures: string[] = [];
      const vectors = lines(join(data.path, 'osv-scalibr', file));
      for (const line of vectors) {
        const [a, op, b] = line.split(' ') as [string, string, string];
        const want = EXPECT[op];
        assert.notEqual(want, undefined, `bad vector line: ${line}`);
        const got = compareVersions(scheme, a, b);
        const back = compareVersions(scheme, b, a);
        if (got !== want || back !== -(want as number)) failures.push(`${line}  (got ${got}, reverse ${back})`);
      }
      t.diagnostic(`${file} with ${scheme.name}: ${vectors.length - failures.length}/${vectors.length} vectors pass`);
      assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${vectors.length} vectors failed`);
    });
  }
}

test('rpm rpmvercmp.at vectors', { skip: data.skip }, (t) => {
  const failures: string[] = [];
  const vectors = lines(join(data.path, 'rpm', 'rpmvercmp.txt'));
  for (const line of vectors) {
    const [a, b, r] = line.split(' ') as [string, string, string];
    const got = rpmvercmp(a, b);
    if (got !== Number(r) || rpmvercmp(b, a) !== -Number(r)) failures.push(`${line} (got ${got})`);
  }
  t.diagnostic(`rpmvercmp.txt: ${vectors.length - failures.length}/${vectors.length} vectors pass`);
  assert.deepEqual(failures, []);
});

test('apk-tools version.data vectors (comparisons, fuzzy matches, validity)', { skip: data.skip }, (t) => {
  const failures: string[] = [];
  const raw = readFileSync(join(data.path, 'apk-tools', 'version.data'), 'utf8').split('\n');
  let count = 0;
  for (const full of raw) {
    const line = full.replace(/#.*$/, '').trim();
    if (line === '') continue;
    count++;
    const parts = line.split(/\s+/);
    if (parts.length === 1) {
      const v = parts[0] as string;
      const wantValid = !v.startsWith('!');
      const version = wantValid ? v : v.slice(1);
      if (isValidApk(version) !== wantValid) failures.push(`${line} (validity)`);
      continue;
    }
    const [a, rawOp, b] = parts as [string, string, string];
    const negate = rawOp.startsWith('!');
    const op = negate ? rawOp.slice(1) : rawOp;
    const fuzzy = op.includes('~');
    const r = compareApk(tokenizeApk(a), tokenizeApk(b), fuzzy);
    const mask = new Set(op === '~' ? ['='] : op.replace('~', '=').split(''));
    const result = r < 0 ? '<' : r > 0 ? '>' : '=';
    let holds = mask.has(result);
    if (negate) holds = !holds;
    if (!holds) failures.push(`${line} (got ${result})`);
  }
  t.diagnostic(`version.data: ${count - failures.length}/${count} lines pass`);
  assert.deepEqual(failures, []);
});
