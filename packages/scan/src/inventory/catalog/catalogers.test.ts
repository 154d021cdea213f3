/**
 * Each cataloger on real files: small lockfiles of public projects (testdata/inventory, see its README), this machine's
 * own installed trees, and broken files that must give an error naming the file (and line) while the scan goes on.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { scanFs, scanRootfs } from '../scan-dir.js';
import { fixture, rpmdb } from '../testing/fixtures.js';
import type { Inventory, Package } from '../types.js';
import { readBuildInfo } from './go-binary.js';
import { parseJavaArchive } from './java-archive.js';
import { strToU8, zipSync } from 'fflate';

function find(inv: Inventory, name: string, version?: string): Package {
  const p = inv.packages.find((x) => x.name === name && (version === undefined || x.version === version));
  assert.ok(p !== undefined, `${name}@${version ?? '*'} not in ${inv.target}`);
  return p;
}

test('yarn berry: registry packages and patched ones, not the workspace itself', async () => {
  const inv = await scanFs(fixture('yarn-berry'));
  assert.equal(inv.partial, false);
  assert.equal(inv.packages.length, 17);
  assert.ok(!inv.packages.some((p) => p.name === 'code'), 'the workspace is the project, not a dependency');
  const ansi = find(inv, 'ansi-styles', '4.2.1');
  assert.equal(ansi.purl, 'pkg:npm/ansi-styles@4.2.1');
  assert.deepEqual(ansi.dependsOn, ['pkg:npm/%40types/color-name@1.1.1', 'pkg:npm/color-convert@2.0.1']);
  find(inv, 'fsevents', '2.1.3');
});

test('yarn v1: one package per resolved version, scoped purls', async () => {
  const inv = await scanFs(fixture('yarn-v1'));
  const lock = readFileSync(fixture('yarn-v1/yarn.lock'), 'utf8');
  const versions = [...lock.matchAll(/^ {2}version "([^"]+)"$/gm)].length;
  assert.equal(inv.packages.length, versions);
  assert.equal(find(inv, '@types/node').purl, `pkg:npm/%40types/node@${find(inv, '@types/node').version}`);
  assert.ok(find(inv, 'debug', '4.3.4').dependsOn?.some((d) => d.startsWith('pkg:npm/ms@')));
});

test('pnpm v9: packages with edges from snapshots', async () => {
  const inv = await scanFs(fixture('pnpm'));
  const express = find(inv, 'express', '4.19.2');
  assert.ok((express.dependsOn ?? []).includes('pkg:npm/body-parser@1.20.2'));
  assert.ok(inv.packages.length > 50);
});

test('npm package-lock v3: dev packages left out, direct flags from the root', async () => {
  const inv = await scanFs(fixture('npm-1000'));
  const lock = JSON.parse(readFileSync(fixture('npm-1000/package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; dev?: boolean; name?: string }>;
  };
  const expected = new Set(
    Object.entries(lock.packages)
      .filter(([k, v]) => k !== '' && v.dev !== true && v.version !== undefined)
      .map(([k, v]) => `${v.name ?? k.slice(k.lastIndexOf('node_modules/') + 13)}@${v.version}`),
  );
  assert.equal(inv.packages.length, expected.size);
  assert.equal(find(inv, 'react-scripts', '5.0.1').direct, true);
  assert.equal(inv.packages.filter((p) => p.direct === true).length, 1);
});

test('Cargo.lock: every package with its edges', async () => {
  const inv = await scanFs(fixture('cargo'));
  assert.equal(inv.packages.length, 9);
  assert.deepEqual(find(inv, 'regex').dependsOn, [
    'pkg:cargo/aho-corasick@0.7.20',
    'pkg:cargo/memchr@2.5.0',
    'pkg:cargo/regex-syntax@0.6.29',
  ]);
});

test('Gemfile.lock: specs with direct flags from DEPENDENCIES', async () => {
  const inv = await scanFs(fixture('gemfile'));
  assert.equal(inv.packages.length, 7);
  assert.equal(find(inv, 'pry', '0.12.2').direct, true);
  assert.equal(find(inv, 'coderay', '1.1.2').direct, false);
  assert.equal(find(inv, 'pry').location.line, 12);
});

test('poetry.lock: main packages only, PEP 503 names', async () => {
  const inv = await scanFs(fixture('poetry'));
  assert.deepEqual(
    inv.packages.map((p) => p.name),
    ['click', 'colorama', 'flask', 'itsdangerous', 'jinja2', 'markupsafe', 'pluggy', 'werkzeug'],
  );
  assert.equal(find(inv, 'flask').purl, 'pkg:pypi/flask@1.0.3');
});

test('requirements.txt (pinned, with hashes), Pipfile.lock (default only) and uv.lock', async () => {
  const inv = await scanFs(fixture('python-locks'));
  assert.deepEqual(
    inv.packages.map((p) => `${p.name}@${p.version} ${p.location.path}${p.location.line ? `:${p.location.line}` : ''}`),
    [
      'asyncio@3.4.3 uv/uv.lock',
      'fooproject@1.2 req/requirements.txt:1',
      'jinja2@3.0.0 req/requirements.txt:4',
      'pyasn1@0.4.4 pipenv/Pipfile.lock',
    ],
  );
});

test('go.mod (replace, indirect), composer.lock, packages.lock.json and *.deps.json', async () => {
  const inv = await scanFs(fixture('more'));
  assert.equal(inv.partial, false);
  const dep = find(inv, 'github.com/aquasecurity/go-dep-parser');
  assert.equal(dep.version, 'v0.0.0-20220406074731-71021a481237', 'the replace directive wins');
  assert.equal(dep.direct, true);
  assert.equal(dep.purl, 'pkg:golang/github.com/aquasecurity/go-dep-parser@v0.0.0-20220406074731-71021a481237');
  assert.equal(find(inv, 'golang.org/x/xerrors').direct, false);
  const app = find(inv, 'acme/app', '1.0.0');
  assert.equal(app.purl, 'pkg:composer/acme/app@1.0.0');
  assert.deepEqual(app.dependsOn, ['pkg:composer/extension/foo@1.2.0']);
  assert.equal(find(inv, 'AWSSDK.Core', '3.5.1.30').direct, true);
  assert.equal(find(inv, 'Newtonsoft.Json', '12.0.3').location.path, 'dotnet/lock/packages.lock.json');
  assert.equal(find(inv, 'Newtonsoft.Json', '13.0.1').location.path, 'dotnet/app/ExampleApp1.deps.json');
  assert.ok(
    !inv.packages.some((p) => p.name === 'my.project' || p.name === 'ExampleApp1'),
    'projects are not packages',
  );
});

test('installed gemspec (rootfs): name, version and licenses', async () => {
  const inv = await scanRootfs(fixture('more/ruby'));
  const gem = find(inv, 'test-unit', '3.3.7');
  assert.deepEqual(gem.licenses, ['Ruby', 'BSDL', 'PSFL']);
  assert.equal(gem.purl, 'pkg:gem/test-unit@3.3.7');
});

test('dpkg status.d (distroless): one paragraph per file, md5sums lists ignored', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'rampart-distroless-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'var/lib/dpkg/status.d'), { recursive: true });
  // Real paragraphs of this machine's status, one per file as distroless images ship them.
  const paragraphs = readFileSync('/var/lib/dpkg/status', 'utf8').split('\n\n').slice(0, 3);
  for (const p of paragraphs) {
    const name = /^Package: (.+)$/m.exec(p)?.[1] as string;
    writeFileSync(join(root, 'var/lib/dpkg/status.d', name), `${p}\n`);
    writeFileSync(
      join(root, 'var/lib/dpkg/status.d', `${name}.md5sums`),
      'd41d8cd98f00b204e9800998ecf8427e  usr/bin/x\n',
    );
  }
  const inv = await scanRootfs(root);
  assert.equal(inv.partial, false);
  assert.equal(inv.packages.length, 3);
  assert.ok(inv.packages.every((p) => p.foundBy === 'dpkg' && p.location.path.startsWith('var/lib/dpkg/status.d/')));
});

const distPackages = '/usr/lib/python3/dist-packages';
test("Python: this machine's dist-packages (METADATA and egg-info)", {
  skip: !existsSync(distPackages) && 'no dist-packages',
}, async () => {
  const inv = await scanRootfs(distPackages);
  assert.ok(inv.packages.length > 5);
  assert.ok(
    inv.packages.every((p) => p.ecosystem === 'PyPI' && /^[a-z0-9-]+$/.test(p.name)),
    'PEP 503 names',
  );
  assert.ok(
    inv.packages.some((p) => p.location.path.endsWith('.egg-info/PKG-INFO')),
    'egg-info read',
  );
  assert.ok(
    inv.packages.some((p) => p.location.path.endsWith('.dist-info/METADATA')),
    'dist-info read',
  );
});

const jar = '/usr/share/java/commons-io.jar';
test('Java: a Debian jar read offline from pom.properties', { skip: !existsSync(jar) && `no ${jar}` }, () => {
  const [p, ...rest] = parseJavaArchive(readFileSync(jar), 'usr/share/java/commons-io.jar');
  assert.equal(rest.length, 0);
  assert.equal(p?.name, 'commons-io:commons-io');
  assert.match(p?.version ?? '', /^2\.\d+/);
});

test('Java: nested jars inside a war, a broken nested jar does not spoil its parent', {
  skip: !existsSync(jar) && `no ${jar}`,
}, () => {
  const real = readFileSync(jar);
  const war = zipSync({
    'META-INF/MANIFEST.MF': strToU8('Manifest-Version: 1.0\r\nImplementation-Title: shop\r\n\r\n'),
    'WEB-INF/lib/commons-io.jar': real,
    'WEB-INF/lib/broken-1.0.jar': real.subarray(0, 100),
  });
  const found = parseJavaArchive(war, 'srv/shop-2.0.war');
  assert.deepEqual(
    found.map((p) => `${p.name} ${p.location.path}`),
    ['shop:shop srv/shop-2.0.war', 'commons-io:commons-io srv/shop-2.0.war!/WEB-INF/lib/commons-io.jar'],
  );
  assert.equal(found[0]?.version, '2.0', 'version from the file name when there is no pom.properties');
});

const goBinary = '/usr/bin/skopeo';
test('Go: the build info of a Debian Go binary', { skip: !existsSync(goBinary) && `no ${goBinary}` }, () => {
  const info = readBuildInfo(readFileSync(goBinary));
  assert.ok(info !== undefined && info !== 'pointer-format');
  assert.match(info.goVersion, /^go1\.\d+/);
  assert.match(info.modinfo, /^path\t/m);
});

test('broken files: each is an error naming file and line; the rest of the scan stands', async () => {
  const fs = await scanFs(fixture('broken/fs'));
  assert.equal(fs.partial, true);
  const files = fs.errors.map((e) => e.file).sort();
  assert.deepEqual(files, ['app/package-lock.json', 'rust/Cargo.lock', 'svc/yarn.lock']);
  assert.ok(fs.errors.find((e) => e.file === 'rust/Cargo.lock')?.line !== undefined, 'TOML errors carry the line');
  const root = await scanRootfs(fixture('broken/rootfs'));
  assert.equal(root.partial, true);
  const byFile = new Map(root.errors.map((e) => [e.file, e]));
  assert.equal(byFile.get('var/lib/dpkg/status')?.line, 22);
  assert.ok(byFile.has('usr/lib/python3/dist-packages/bad-1.0.dist-info/METADATA'));
  assert.match(byFile.get('usr/share/java/truncated-1.0.jar')?.message ?? '', /zip/);
  assert.equal(root.os?.id, 'debian', 'the good files of the same scan are still read');
});

test('apk installed database: origin as source, distro from os-release, a damaged entry listed not fatal', async () => {
  const inv = await scanRootfs(fixture('apk'));
  assert.equal(inv.partial, false);
  assert.equal(inv.packages.length, 6);
  const utils = find(inv, 'musl-utils', '1.1.14-r10');
  assert.equal(utils.ecosystem, 'Alpine');
  assert.equal(utils.sourceName, 'musl');
  assert.equal(utils.purl, 'pkg:apk/alpine/musl-utils@1.1.14-r10?arch=x86_64&distro=alpine-3.4.6');
  assert.deepEqual(utils.dependsOn, ['pkg:apk/alpine/musl@1.1.14-r10?arch=x86_64&distro=alpine-3.4.6']);
  assert.deepEqual(find(inv, 'ada-libs').licenses, ['( Apache-2.0 OR MIT ) AND MPL-2.0']);
  assert.deepEqual(inv.skipped, [
    { file: 'lib/apk/db/installed:23', reason: 'apk entry invalidPackageWithoutAVersion has no version' },
  ]);
});

const rpm = rpmdb();
test('rpmdb.sqlite made by rpm: epoch, release, source rpm, license; Berkeley DB listed as skipped', {
  skip: rpm.skip,
}, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'rampart-rpm-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  cpSync(join(rpm.path, 'root'), root, { recursive: true });
  mkdirSync(join(root, 'etc'));
  writeFileSync(join(root, 'etc/os-release'), 'ID="rhel"\nVERSION_ID="9.4"\nNAME="Red Hat Enterprise Linux"\n');
  const inv = await scanRootfs(root);
  const hello = find(inv, 'rampart-hello');
  assert.equal(hello.version, '2:1.2.3-4.el9');
  assert.equal(hello.purl, 'pkg:rpm/redhat/rampart-hello@1.2.3-4.el9?arch=noarch&distro=rhel-9.4&epoch=2');
  assert.equal(hello.ecosystem, 'Red Hat');
  assert.equal(hello.sourceName, 'rampart-hello');
  assert.equal(hello.sourceVersion, '1.2.3-4.el9');
  assert.deepEqual(find(inv, 'rampart-world', '0.9-1.el9').licenses, ['GPL-2.0-or-later']);
  // An old-style Berkeley DB beside it is not guessed at: it is listed with the reason.
  writeFileSync(join(root, 'var/lib/rpm/Packages'), Buffer.alloc(4096));
  const again = await scanRootfs(root);
  assert.deepEqual(again.skipped, [
    { file: 'var/lib/rpm/Packages', reason: 'Berkeley DB rpmdb backend is not supported (only rpmdb.sqlite)' },
  ]);
});

test('Debian copyright files: licenses attached to the dpkg package of the same name', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'rampart-copyright-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
  cpSync('/var/lib/dpkg/status', join(root, 'var/lib/dpkg/status'));
  for (const pkg of ['bash', 'base-files', 'libc6']) {
    if (existsSync(`/usr/share/doc/${pkg}/copyright`)) {
      mkdirSync(join(root, 'usr/share/doc', pkg), { recursive: true });
      cpSync(`/usr/share/doc/${pkg}/copyright`, join(root, 'usr/share/doc', pkg, 'copyright'));
    }
  }
  const inv = await scanRootfs(root);
  const bash = find(inv, 'bash');
  assert.ok(
    bash.licenses.some((l) => /GPL-3/.test(l)),
    `bash: ${bash.licenses.join(', ')}`,
  );
  assert.ok(find(inv, 'libc6').licenses.some((l) => /LGPL/.test(l)));
  assert.deepEqual(find(inv, 'apt').licenses, [], 'no copyright file copied for apt');
});
