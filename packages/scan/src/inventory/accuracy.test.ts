/**
 * Accuracy against the Trivy anchor on the same targets: the set of (ecosystem, name, version) must be equal, except
 * for the deliberate differences named here (each is the better answer for users, and is asserted, not ignored).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { scanRootfs } from './scan-dir.js';
import { debianImage, npmTree, trivy } from './testing/fixtures.js';
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

test("this machine's dpkg database: the same packages as Trivy", { skip: anchor.skip }, async () => {
  // Only the database and os-release, so both tools read the same thing and nothing else of a live root.
  const root = mkdtempSync(join(tmpdir(), 'rampart-hostdpkg-'));
  mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
  mkdirSync(join(root, 'etc'));
  copyFileSync('/var/lib/dpkg/status', join(root, 'var/lib/dpkg/status'));
  copyFileSync('/etc/os-release', join(root, 'etc/os-release'));
  const inv = await scanRootfs(root);
  assert.ok(inv.packages.length > 100);
  assert.deepEqual(difference(runTrivy(anchor.path, 'rootfs', root), inventoryKeys(inv)), [[], []]);
});

test('npm ci of >= 1,000 packages: the same installed packages as Trivy, minus test fixtures', { skip: npm.skip }, async () => {
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
    assert.ok(files.length > 0 && files.every((f) => !installed.test(f)), `${k} is an installed package: ${files.join(', ')}`);
  }
});
