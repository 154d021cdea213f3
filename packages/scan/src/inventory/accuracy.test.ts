/**
 * Accuracy against the Trivy anchor on the same targets: the set of (ecosystem, name, version) must be equal, except
 * for the deliberate differences named here (each is the better answer for users, and is asserted, not ignored).
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { scanImage } from './image/scan-image.js';
import { scanFs, scanRootfs } from './scan-dir.js';
import { debianImage, fixture, npmTree, trivy } from './testing/fixtures.js';
import { difference, inventoryKeys, runTrivy } from './testing/trivy-anchor.js';

const anchor = trivy();
const debian = anchor.skip === false ? debianImage() : anchor;
const npm = anchor.skip === false ? npmTree() : anchor;

test('debootstrap image rootfs: the same Debian packages as Trivy', { skip: debian.skip }, async () => {
  const rootfs = join(debian.path, 'rootfs');
  const inv = await scanRootfs(rootfs);
  assert.equal(inv.os?.id, 'debian');
  assert.ok(inv.packages.length >= 80, `a minbase system has ~90 packages, got ${inv.packages.length}`);
  assert.deepEqual(difference(runTrivy(anchor.path, 'rootfs', rootfs), inventoryKeys(inv)), [[], []]);
});

test('debootstrap image as a docker-archive: the same packages as `trivy image --input`', {
  skip: debian.skip,
}, async () => {
  const tar = join(debian.path, 'debian.tar');
  const inv = await scanImage('', { input: tar });
  assert.deepEqual(difference(runTrivy(anchor.path, 'image', tar), inventoryKeys(inv)), [[], []]);
});

test("this machine's dpkg database: the same packages as Trivy", { skip: anchor.skip }, async (t) => {
  // Only the database and os-release, so both tools read the same thing and nothing else of a live root.
  const root = mkdtempSync(join(tmpdir(), 'rampart-hostdpkg-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
  mkdirSync(join(root, 'etc'));
  copyFileSync('/var/lib/dpkg/status', join(root, 'var/lib/dpkg/status'));
  copyFileSync('/etc/os-release', join(root, 'etc/os-release'));
  // Trivy recognizes Debian by /etc/debian_version (Rampart by os-release alone).
  copyFileSync('/etc/debian_version', join(root, 'etc/debian_version'));
  const inv = await scanRootfs(root);
  assert.ok(inv.packages.length > 100);
  assert.deepEqual(difference(runTrivy(anchor.path, 'rootfs', root), inventoryKeys(inv)), [[], []]);
});

test('npm ci of >= 1,000 packages: the same installed packages as Trivy, minus test fixtures', {
  skip: npm.skip,
}, async () => {
  const nm = join(npm.path, 'node_modules');
  const inv = await scanRootfs(nm);
  assert.ok(inv.packages.length >= 1000, `expected >= 1,000 packages, got ${inv.packages.length}`);
  const theirs = runTrivy(anchor.path, 'rootfs', nm);
  const [onlyTrivy, onlyOurs] = difference(theirs, inventoryKeys(inv));
  assert.deepEqual(onlyOurs, []);
  // Deliberate: Trivy counts every package.json with a name and version, including test fixtures and benchmark folders
  // shipped inside packages (resolve's `test/resolver/...`, `benchmark/`). They are not installed packages; reporting
  // them would give false vulnerability matches. Rampart counts node_modules/<name>/package.json only.
  const installed = /^(?:@[^/]+\/)?[^/]+\/package\.json$|\/node_modules\/(?:@[^/]+\/)?[^/]+\/package\.json$/;
  assert.ok(onlyTrivy.length < 20, `few fixtures expected, got ${onlyTrivy.length}: ${onlyTrivy.join(', ')}`);
  for (const k of onlyTrivy) {
    const files = theirs.get(k) ?? [];
    assert.ok(
      files.length > 0 && files.every((f) => !installed.test(f)),
      `${k} is an installed package: ${files.join(', ')}`,
    );
  }
});

const distPackages = '/usr/lib/python3/dist-packages';
test("this machine's Python dist-packages: the same distributions as Trivy", {
  skip: anchor.skip || (!existsSync(distPackages) && `no ${distPackages}`),
}, async () => {
  const inv = await scanRootfs(distPackages);
  assert.ok(inv.packages.length > 5);
  assert.deepEqual(difference(runTrivy(anchor.path, 'rootfs', distPackages), inventoryKeys(inv)), [[], []]);
});

// Debian's own Go packages (skopeo, umoci) are built in GOPATH mode and carry no module list; this Go binary of a
// Debian package from Google's repository does (module mode), so it is the one with dependencies to compare.
const goBinary = '/usr/lib/google-cloud-sdk/bin/cbt';
test('a module-mode Go binary: the same modules as Trivy, plus its main module', {
  skip: anchor.skip || (!existsSync(goBinary) && `SKIPPED: no ${goBinary} on this machine`),
}, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'rampart-gobin-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  copyFileSync(goBinary, join(root, 'usr/bin/cbt'));
  const inv = await scanRootfs(root);
  assert.ok(inv.packages.length > 10);
  const [onlyTrivy, onlyOurs] = difference(runTrivy(anchor.path, 'rootfs', root), inventoryKeys(inv));
  assert.deepEqual(onlyTrivy, []);
  // Deliberate: the binary's own module (its `mod` line) is reported too: advisories name application modules as
  // well as libraries, and an SBOM that omits the main component is incomplete. Trivy ~0.45 left it out.
  assert.equal(onlyOurs.length, 1);
  assert.match(onlyOurs[0] as string, /^Go cloud\.google\.com\/go\/cbt@v/);
});

test('lockfile fixtures (fs): the same packages as Trivy, except where Trivy ~0.45 is wrong or silent', {
  skip: anchor.skip,
}, async () => {
  const dir = fixture('');
  const inv = await scanFs(dir);
  const theirs = runTrivy(anchor.path, 'fs', dir);
  const [onlyTrivy, onlyOurs] = difference(theirs, inventoryKeys(inv));
  // Deliberate, each checked by where it comes from:
  // - pnpm-lock v9: Trivy ~0.45 predates it and reads `undefined@undefined` and `runtime@7.24.5` (for @babel/runtime);
  // - broken/: a malformed yarn.lock is an error of the scan (named, partial result), not a guess at its entries;
  // - uv.lock: Trivy ~0.45 has no uv parser;
  // - yarn berry `patch:` entries: the patched package is installed, so it is reported (Trivy skips it).
  // - go.mod: Trivy strips the `v` of Go versions there (not in Go binaries); Rampart keeps Go's canonical `v1.2.3`
  //   everywhere, as purl-spec's golang examples do. Those keys are matched with the `v` put back.
  const goWithV = (k: string) => k.replace(/^Go (\S+)@(?=\d)/, 'Go $1@v');
  for (const k of onlyTrivy.filter((x) => !(x.startsWith('Go ') && onlyOurs.includes(goWithV(x))))) {
    const files = theirs.get(k) ?? [];
    assert.ok(
      files.every((f) => f.startsWith('pnpm/') || f.startsWith('broken/')),
      `${k} only in Trivy, from ${files.join(', ')}`,
    );
  }
  assert.ok(inv.errors.some((e) => e.file === 'broken/fs/svc/yarn.lock'));
  for (const k of onlyOurs.filter((x) => !onlyTrivy.some((t) => goWithV(t) === x))) {
    const p = inv.packages.find((x) => `${x.ecosystem} ${x.name}@${x.version}` === k);
    const path = p?.location.path ?? '';
    const ok =
      path === 'pnpm/pnpm-lock.yaml' ||
      path.endsWith('uv.lock') ||
      (path === 'yarn-berry/yarn.lock' && p?.name === 'fsevents');
    assert.ok(ok, `${k} only in Rampart, from ${path}`);
  }
  assert.ok(onlyOurs.includes('PyPI asyncio@3.4.3') && onlyOurs.includes('npm fsevents@2.1.3'));
});
