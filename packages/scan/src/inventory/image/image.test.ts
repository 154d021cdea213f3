/**
 * Image sources on real material: the debootstrap image as an OCI layout, a docker-archive and through a real registry
 * (Debian's docker-registry, pushed with skopeo) must give the same inventory as its rootfs; hand-built layered images
 * prove whiteouts, opaque directories, gzip and zstd; broken blobs give named errors and a partial result.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { scanRootfs } from '../scan-dir.js';
import { debianImage } from '../testing/fixtures.js';
import { type LayerEntry, writeOciLayout } from '../testing/oci-builder.js';
import type { Inventory } from '../types.js';
import { scanImage } from './scan-image.js';

const debian = debianImage();
const keys = (inv: Inventory) => inv.packages.map((p) => `${p.purl} ${p.location.path}`).sort();
const tmp = (t: TestContext, prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
};

let rootfsKeys: string[] | undefined;
async function expected(): Promise<string[]> {
  rootfsKeys ??= keys(await scanRootfs(join(debian.path, 'rootfs')));
  return rootfsKeys;
}

test('debian image from an OCI layout equals its rootfs, layer digests recorded', { skip: debian.skip }, async () => {
  const inv = await scanImage(`oci:${join(debian.path, 'oci')}:bookworm`);
  assert.deepEqual(keys(inv), await expected());
  assert.equal(inv.partial, false);
  assert.equal(inv.os?.id, 'debian');
  assert.match(inv.image?.digest ?? '', /^sha256:[a-f0-9]{64}$/);
  assert.ok(inv.packages.every((p) => p.location.layer === inv.image?.layers[0]?.digest));
});

test('debian image from a docker-archive equals its rootfs', { skip: debian.skip }, async () => {
  const inv = await scanImage('', { input: join(debian.path, 'debian.tar') });
  assert.deepEqual(keys(inv), await expected());
  assert.equal(inv.image?.platform, 'linux/amd64');
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const registryBin = '/usr/bin/docker-registry';
const registrySkip =
  debian.skip || (!existsSync(registryBin) && `SKIPPED: ${registryBin} absent (apt-get install docker-registry)`);
test('debian image through a real registry (docker-registry + skopeo) equals its rootfs; cache reused', {
  skip: registrySkip,
}, async (t) => {
  const dir = tmp(t, 'rampart-registry-');
  const port = await freePort();
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  const registry = spawn(registryBin, ['serve', config], { stdio: 'ignore' });
  t.after(() => registry.kill());
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/v2/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  execFileSync('skopeo', [
    'copy',
    '--quiet',
    '--dest-tls-verify=false',
    `oci:${join(debian.path, 'oci')}:bookworm`,
    `docker://127.0.0.1:${port}/rampart/debian:bookworm`,
  ]);
  const cacheDir = join(dir, 'cache');
  const inv = await scanImage(`127.0.0.1:${port}/rampart/debian:bookworm`, { insecure: true, cacheDir });
  assert.deepEqual(keys(inv), await expected());
  assert.equal(inv.image?.layers[0]?.cached, false);
  const again = await scanImage(`127.0.0.1:${port}/rampart/debian:bookworm`, { insecure: true, cacheDir });
  assert.equal(again.image?.layers[0]?.cached, true);
  assert.deepEqual(keys(again), keys(inv));
  await assert.rejects(scanImage(`127.0.0.1:${port}/rampart/absent:1`, { insecure: true }), {
    code: 'NETWORK',
    message: /HTTP 404 not found/,
  });
});

const osRelease = 'ID=alpine\nVERSION_ID=3.20.1\nPRETTY_NAME="Alpine Linux v3.20"\n';
const pkgJson = (name: string, version: string) => JSON.stringify({ name, version, license: 'MIT' });
const hasZstd = (() => {
  try {
    execFileSync('zstd', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('layers: whiteouts and opaque directories remove earlier files; gzip, zstd and plain tar layers', async (t) => {
  const dir = tmp(t, 'rampart-oci-');
  const base: LayerEntry[] = [
    { path: 'etc/os-release', content: osRelease },
    { path: 'app/node_modules/a/package.json', content: pkgJson('a', '1.0.0') },
    { path: 'app/node_modules/b/package.json', content: pkgJson('b', '1.0.0') },
    { path: 'opt/node_modules/c/package.json', content: pkgJson('c', '1.0.0') },
  ];
  const upper: LayerEntry[] = [
    { path: 'app/node_modules/.wh.b' }, // deletes b
    { path: 'opt/node_modules/.wh..wh..opq' }, // hides everything opt/node_modules had
    { path: 'opt/node_modules/d/package.json', content: pkgJson('d', '2.0.0') },
    { path: 'app/node_modules/a/package.json', content: pkgJson('a', '1.1.0') }, // replaced
  ].map((e) => (e.path.includes('.wh.') ? { ...e, content: '' } : e));
  await writeOciLayout(dir, [
    { entries: base, compression: hasZstd ? 'zstd' : 'gzip' },
    { entries: upper, compression: 'gzip' },
    {
      entries: [
        { path: 'srv/node_modules/e/package.json', content: pkgJson('e', '3.0.0') },
        { path: 'srv/node_modules/e2/package.json', linkTo: 'srv/node_modules/e/package.json' }, // a hard link
        { path: '../../escape/node_modules/g/package.json', content: pkgJson('g', '1.0.0') }, // cannot climb out
      ],
      compression: 'none',
    },
  ]);
  const inv = await scanImage(`oci:${dir}:test`);
  assert.deepEqual(
    inv.packages.map((p) => `${p.name}@${p.version}`),
    ['a@1.1.0', 'd@2.0.0', 'e@3.0.0', 'e@3.0.0', 'g@1.0.0'],
  );
  assert.deepEqual(
    inv.packages.filter((p) => p.name !== 'a' && p.name !== 'd').map((p) => p.location.path),
    ['srv/node_modules/e/package.json', 'srv/node_modules/e2/package.json', 'escape/node_modules/g/package.json'],
  );
  assert.equal(inv.os?.id, 'alpine');
  assert.equal(inv.packages[0]?.location.layer, inv.image?.layers[1]?.digest);
});

test('a blob that does not match its digest, and a truncated gzip layer, are named errors of a partial result', async (t) => {
  const dir = tmp(t, 'rampart-bad-');
  const [good, bad] = await writeOciLayout(dir, [
    { entries: [{ path: 'etc/os-release', content: osRelease }], compression: 'gzip' },
    { entries: [{ path: 'x/node_modules/f/package.json', content: pkgJson('f', '1.0.0') }], compression: 'gzip' },
  ]);
  const badFile = join(dir, 'blobs/sha256', (bad as string).slice(7));
  const bytes = readFileSync(badFile);
  bytes[bytes.length - 9] = (bytes[bytes.length - 9] as number) ^ 0xff; // inside the gzip trailer: inflates, wrong digest
  writeFileSync(badFile, bytes);
  const inv = await scanImage(`oci:${dir}:test`);
  assert.equal(inv.partial, true);
  assert.equal(inv.os?.id, 'alpine', 'the good layer is still read');
  assert.equal(inv.errors.length, 1);
  assert.equal(inv.errors[0]?.file, bad);
  assert.match(inv.errors[0]?.message ?? '', /oci:.*(digest mismatch|unreadable layer)/);

  truncateSync(join(dir, 'blobs/sha256', (good as string).slice(7)), 20);
  const truncated = await scanImage(`oci:${dir}:test`);
  assert.equal(truncated.errors.length, 2);
  assert.match(truncated.errors[0]?.message ?? '', /unreadable layer|digest mismatch/);
});

test('unknown manifest media types and missing layouts are clear input errors', async (t) => {
  const dir = tmp(t, 'rampart-media-');
  await writeOciLayout(dir, [{ entries: [{ path: 'etc/os-release', content: osRelease }], compression: 'gzip' }]);
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const manifestFile = join(dir, 'blobs/sha256', index.manifests[0].digest.slice(7));
  writeFileSync(manifestFile, JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.example.unknown+json' }));
  await assert.rejects(scanImage(`oci:${dir}:test`), { code: 'SCAN_DIGEST_MISMATCH', message: /does not match/ });
  // The same unknown manifest under its true digest: refused for its media type.
  const unknown = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.example.unknown+json' }));
  const d = createHash('sha256').update(unknown).digest('hex');
  writeFileSync(join(dir, 'blobs/sha256', d), unknown);
  index.manifests[0].digest = `sha256:${d}`;
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
  await assert.rejects(scanImage(`oci:${dir}:test`), {
    code: 'INPUT_INVALID',
    message: /unsupported manifest media type/,
  });
  await assert.rejects(scanImage(`oci:${dir}:nope`), { code: 'INPUT_NOT_FOUND', message: /no image tagged nope/ });
  await assert.rejects(scanImage('oci:/nonexistent/layout'), {
    code: 'INPUT_NOT_FOUND',
    message: /index\.json missing/,
  });
  await assert.rejects(scanImage('', { input: '/nonexistent/image.tar' }), { code: 'INPUT_NOT_FOUND' });
  // A docker-archive cut short: the tar itself is reported, with the file named.
  const cut = join(dir, 'cut.tar');
  writeFileSync(cut, readFileSync(join(dir, 'index.json')).toString().padEnd(2048, ' '));
  await assert.rejects(scanImage('', { input: cut }), {
    code: 'INPUT_INVALID',
    message: /cut\.tar: not a tar archive/,
  });
  if (debian.skip === false) {
    const truncated = join(dir, 'truncated.tar');
    writeFileSync(truncated, readFileSync(join(debian.path, 'debian.tar')).subarray(0, 10 * 1024 * 1024));
    await assert.rejects(scanImage('', { input: truncated }), {
      code: 'INPUT_INVALID',
      message: /truncated\.tar: truncated tar/,
    });
  }
});
