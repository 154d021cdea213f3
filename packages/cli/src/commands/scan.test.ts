/** `rampart scan fs|rootfs|image` and `rampart sbom` end to end through the binary, on the inventory fixtures. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@rampart/core/testing';

const bin = join(repoRoot(), 'packages/cli/bin/rampart.js');
const fixtures = join(repoRoot(), 'packages/scan/testdata/inventory');

function rampart(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('scan fs: JSON inventory by default off a TTY, table on request', () => {
  const r = rampart(['scan', 'fs', join(fixtures, 'cargo')]);
  assert.equal(r.code, 0, r.stderr);
  const inv = JSON.parse(r.stdout) as { targetType: string; packages: { purl: string }[]; partial: boolean };
  assert.equal(inv.targetType, 'fs');
  assert.equal(inv.packages.length, 9);
  const t = rampart(['scan', 'fs', join(fixtures, 'gemfile'), '--format', 'table']);
  assert.match(t.stdout, /RubyGems\s+7/);
});

test('a partial result is printed, each bad file named on stderr, exit 2', () => {
  const r = rampart(['scan', 'fs', join(fixtures, 'broken/fs'), '-f', 'json']);
  assert.equal(r.code, 2);
  assert.equal((JSON.parse(r.stdout) as { partial: boolean }).partial, true);
  assert.match(r.stderr, /rust\/Cargo\.lock:\d+: cargo-lock: not valid TOML/);
  assert.match(r.stderr, /partial result \(3 file\(s\) could not be read\)/);
  const skipped = rampart(['scan', 'fs', join(fixtures, 'broken/fs'), '-f', 'json', '--skip-dirs', 'rust,svc']);
  assert.equal(skipped.code, 2);
  assert.match(skipped.stderr, /partial result \(1 file\(s\)/);
  assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
});

test('sbom fs --format spdx --output FILE, and CycloneDX by default', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-sbom-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'sbom.spdx.json');
  const r = rampart(['sbom', 'fs', join(fixtures, 'poetry'), '--format', 'spdx', '--output', out]);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(readFileSync(out, 'utf8')) as { spdxVersion: string; packages: unknown[] };
  assert.equal(doc.spdxVersion, 'SPDX-2.3');
  assert.equal(doc.packages.length, 9);
  const c = rampart(['sbom', 'fs', join(fixtures, 'poetry')]);
  assert.equal((JSON.parse(c.stdout) as { bomFormat: string }).bomFormat, 'CycloneDX');
});

test('usage errors: unknown scanner, missing target, bad platform', () => {
  const s = rampart(['scan', 'fs', fixtures, '--scanners', 'magic']);
  assert.equal(s.code, 2);
  assert.match(s.stderr, /unknown scanner "magic"; available: inventory/);
  const i = rampart(['scan', 'image']);
  assert.equal(i.code, 2);
  assert.match(i.stderr, /needs REF, oci:DIR\[:TAG\], or --input FILE\.tar/);
  const p = rampart(['scan', 'image', 'oci:/nonexistent', '--platform', 'linux']);
  assert.equal(p.code, 2);
  assert.match(p.stderr, /--platform linux is not os\/arch/);
  const n = rampart(['scan', 'rootfs', '/nonexistent/dir']);
  assert.equal(n.code, 2);
  assert.match(n.stderr, /rootfs target \/nonexistent\/dir does not exist \[INPUT_NOT_FOUND\]/);
});
