import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RampartError } from '@rampart/core';
import { VULN_TESTDATA } from '../../db/test-helpers.js';
import { packageFromPurl } from './purl-package.js';
import { parseSbom, readSbomFile } from './read-sbom.js';
import { seededRandom as prng } from '@rampart/core/testing';

const SBOM = join(VULN_TESTDATA, 'sbom');

test('CycloneDX: one package per purl, ecosystems and names as OSV spells them, purls kept verbatim', () => {
  const { inventory, format, unmatched, reasons } = readSbomFile(join(SBOM, 'app.cdx.json'));
  assert.equal(format, 'cyclonedx');
  assert.equal(inventory.target, 'fixture-app');
  assert.equal(inventory.packages.length, 18);
  assert.equal(unmatched, 1);
  assert.deepEqual(reasons, ['components[18]: no purl']);
  const byPurl = new Map(inventory.packages.map((p) => [p.purl, p]));
  assert.equal(byPurl.get('pkg:maven/io.netty/netty-codec-http@4.1.50.Final')?.name, 'io.netty:netty-codec-http');
  assert.equal(byPurl.get('pkg:golang/golang.org/x/net@v0.1.0')?.name, 'golang.org/x/net');
  const libssl = byPurl.get('pkg:deb/debian/libssl1.1@1.1.0f-3%2Bdeb9u2?arch=amd64&distro=debian-9&upstream=openssl');
  assert.equal(libssl?.ecosystem, 'Debian');
  assert.equal(libssl?.version, '1.1.0f-3+deb9u2');
  assert.equal(libssl?.sourceName, 'openssl');
});

test('SPDX: packages from purl external refs, the OS from the operating-system package', () => {
  const { inventory, format } = readSbomFile(join(SBOM, 'image.spdx.json'));
  assert.equal(format, 'spdx');
  assert.deepEqual(inventory.os, { id: 'debian', versionId: '9.13' });
  assert.deepEqual(
    inventory.packages.map((p) => `${p.ecosystem} ${p.name} ${p.version}`),
    ['Debian libssl1.1 1.1.0f-3+deb9u2', 'Debian openssl 1.1.0l-1~deb9u6', 'npm lodash 4.17.21'],
  );
});

test('what is not a CycloneDX or SPDX JSON SBOM is a clear input error naming the file', () => {
  assert.throws(() => readSbomFile(join(SBOM, 'package.json.not-sbom')), {
    code: 'INPUT_INVALID',
    message: /not a CycloneDX .* or SPDX/,
    file: join(SBOM, 'package.json.not-sbom'),
  });
  assert.throws(() => parseSbom('<?xml version="1.0"?><bom/>', 'x.xml'), { message: /XML SBOM/ });
  assert.throws(() => parseSbom('{"bomFormat": "CycloneDX", "components": {}}', 'x.json'), {
    field: 'components',
  });
  assert.throws(() => readSbomFile(join(SBOM, 'missing.json')), { code: 'INPUT_NOT_FOUND' });
});

test('purls: unknown types and distros are reasons, not crashes', () => {
  assert.deepEqual(packageFromPurl('pkg:generic/thing@1.0'), {
    problem: 'purl type "generic" has no vulnerability data source',
  });
  assert.match((packageFromPurl('pkg:deb/plan9/x@1') as { problem: string }).problem, /unknown distribution "plan9"/);
  assert.match((packageFromPurl('pkg:npm/x') as { problem: string }).problem, /has no version/);
  assert.match((packageFromPurl('not a purl') as { problem: string }).problem, /invalid purl/);
  assert.equal((packageFromPurl('pkg:npm/%40babel/core@7.0.0') as { name: string }).name, '@babel/core');
});

test('fuzz: mutated SBOMs either parse or fail with a RampartError, never anything else', () => {
  const rand = prng(20261123);
  const seeds = [readFileSync(join(SBOM, 'app.cdx.json'), 'utf8'), readFileSync(join(SBOM, 'image.spdx.json'), 'utf8')];
  const junk = ['', 'null', '[]', '{}', '"x"', '0', '{"a":', '\u0000', 'true'];
  let parsed = 0;
  for (let i = 0; i < 400; i++) {
    const seed = seeds[i % seeds.length] as string;
    let text: string;
    const mode = i % 3;
    if (mode === 0) {
      // Byte-level damage: cut, duplicate or replace a slice.
      const at = Math.floor(rand() * seed.length);
      text =
        seed.slice(0, at) +
        (junk[Math.floor(rand() * junk.length)] as string) +
        seed.slice(at + Math.floor(rand() * 20));
    } else {
      // Structural damage: replace a random value in the JSON tree with junk of another type.
      const doc = JSON.parse(seed);
      damage(doc, rand, junk);
      text = JSON.stringify(doc);
    }
    try {
      parseSbom(text, `fuzz-${i}.json`);
      parsed++;
    } catch (e) {
      assert.ok(e instanceof RampartError, `case ${i}: ${String(e)}`);
      assert.equal(e.exitCode, 2);
    }
  }
  assert.ok(parsed > 50, `only ${parsed} of 400 mutated documents parsed`);
});

function damage(node: unknown, rand: () => number, junk: string[]): void {
  let current = node as Record<string, unknown>;
  for (let depth = 0; depth < 6; depth++) {
    const keys = Object.keys(current);
    if (keys.length === 0) return;
    const key = keys[Math.floor(rand() * keys.length)] as string;
    const child = current[key];
    if (typeof child !== 'object' || child === null || rand() < 0.3) {
      current[key] = JSON.parse(junk[1 + Math.floor(rand() * 5)] as string);
      return;
    }
    current = child as Record<string, unknown>;
  }
}
