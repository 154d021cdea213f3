/**
 * Property tests of the image-side parsers on seeded random input: the tar index, image references and auth
 * challenges either parse or fail with a RampartError (never another exception); bounded and deterministic.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isRampartError } from '@rampart/core';
import { tarOf } from '../testing/oci-builder.js';
import { parseReference } from './reference.js';
import { parseChallenge } from './registry-auth.js';
import { indexTar } from './tar-index.js';
import { seededRandom as rng } from '@rampart/core/testing';

test('tar index: mutated real tars index or fail with INPUT_INVALID', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-tarfuzz-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const tar = await tarOf([
    { path: 'manifest.json', content: '[]' },
    { path: `${'d'.repeat(120)}/long-name.json`, content: '{}' },
    { path: 'blobs/sha256/abc', content: 'x'.repeat(3000) },
  ]);
  const clean = await (async () => {
    writeFileSync(join(dir, 'clean.tar'), tar);
    return indexTar(join(dir, 'clean.tar'));
  })();
  assert.deepEqual([...clean.keys()].sort(), [
    'blobs/sha256/abc',
    `${'d'.repeat(120)}/long-name.json`,
    'manifest.json',
  ]);
  const r = rng(7);
  for (let i = 0; i < 200; i++) {
    const b = Buffer.from(tar);
    const cut = r() < 0.3;
    for (let k = 0; k < 4; k++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
    const file = join(dir, `case-${i}.tar`);
    writeFileSync(file, cut ? b.subarray(0, Math.floor(r() * b.length)) : b);
    try {
      const members = await indexTar(file);
      for (const m of members.values()) assert.ok(m.offset >= 0 && m.size >= 0);
    } catch (e) {
      assert.ok(isRampartError(e) && e.code === 'INPUT_INVALID', `case ${i}: ${(e as Error).message}`);
    }
  }
});

test('references and challenges: random strings parse or give a usage error', () => {
  const r = rng(11);
  const alphabet = 'abcXYZ019:/@._-sha256 "=,';
  for (let i = 0; i < 2000; i++) {
    const s = Array.from({ length: 1 + Math.floor(r() * 40) }, () => alphabet[Math.floor(r() * alphabet.length)]).join(
      '',
    );
    try {
      const ref = parseReference(s);
      assert.ok(ref.repository.length > 0 && ref.reference.length > 0);
    } catch (e) {
      assert.ok(isRampartError(e) && e.code === 'USAGE', `${JSON.stringify(s)}: ${(e as Error).message}`);
    }
    const c = parseChallenge(s);
    if (c !== undefined) assert.equal(typeof c.scheme, 'string');
  }
  assert.deepEqual(
    parseChallenge('Bearer realm="https://auth.example/token",service="reg",scope="repository:a/b:pull"'),
    {
      scheme: 'bearer',
      params: { realm: 'https://auth.example/token', service: 'reg', scope: 'repository:a/b:pull' },
    },
  );
});
