/**
 * Property test of every parser: seeded random mutations of the real fixtures (byte flips, truncations, spliced
 * lines) must give packages or a CatalogError, never any other exception. Bounded count, fixed seed: deterministic.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixture } from '../testing/fixtures.js';
import { CatalogError } from './cataloger.js';
import { CATALOGERS } from './index.js';
import { seededRandom as rng } from '@rampart/core/testing';

function mutate(src: Buffer, r: () => number): Buffer {
  const b = Buffer.from(src);
  const kind = Math.floor(r() * 4);
  if (kind === 0) return b.subarray(0, Math.floor(r() * b.length));
  if (kind === 1) {
    for (let i = 0; i < 8; i++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
    return b;
  }
  const lines = b.toString('utf8').split('\n');
  if (kind === 2) {
    const i = Math.floor(r() * lines.length);
    lines.splice(i, 0, lines[Math.floor(r() * lines.length)] ?? '');
  } else lines.splice(Math.floor(r() * lines.length), 1 + Math.floor(r() * 3));
  return Buffer.from(lines.join('\n'));
}

const CASES: [string, string][] = [
  ['npm-lock', 'npm-1000/package-lock.json'],
  ['yarn-lock', 'yarn-berry/yarn.lock'],
  ['yarn-lock', 'yarn-v1/yarn.lock'],
  ['pnpm-lock', 'pnpm/pnpm-lock.yaml'],
  ['cargo-lock', 'cargo/Cargo.lock'],
  ['gemfile-lock', 'gemfile/Gemfile.lock'],
  ['python-lock', 'poetry/poetry.lock'],
  ['dpkg', 'broken/rootfs/var/lib/dpkg/status'],
  ['os-release', 'broken/rootfs/etc/os-release'],
];

for (const [name, file] of CASES) {
  test(`fuzz ${name} with mutations of ${file}`, async () => {
    const cataloger = CATALOGERS.find((c) => c.name === name);
    assert.ok(cataloger !== undefined);
    let src = readFileSync(fixture(file));
    // The 500 kB npm lock is cut to its head: the property is about malformed input, not size.
    if (src.length > 64 * 1024) src = src.subarray(0, 64 * 1024);
    const base = file.split('/').at(-1) as string;
    const path = name === 'dpkg' ? 'var/lib/dpkg/status' : name === 'os-release' ? 'etc/os-release' : base;
    const r = rng(0x5eed + name.length);
    for (let i = 0; i < 150; i++) {
      const input = mutate(src, r);
      try {
        const result = await cataloger.parse(input, { path, size: input.length });
        for (const p of result.packages) assert.equal(typeof p.name, 'string');
      } catch (e) {
        if (!(e instanceof CatalogError))
          assert.fail(`${name} threw ${(e as Error).name}: ${(e as Error).message} on case ${i}`);
      }
    }
  });
}
