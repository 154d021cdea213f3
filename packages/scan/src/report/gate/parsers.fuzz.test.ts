/** Fuzz: the ignore-file and VEX parsers either return entries or throw a RampartError; nothing else escapes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RampartError } from '@rampart/core';
import { parseIgnoreFile } from './ignore-file.js';
import { parseVex } from './vex.js';
import { seededRandom as prng } from '@rampart/core/testing';

const TOKENS = [
  'CVE-2024-1',
  'pkg:npm/x@*',
  'exp:2026-01-01',
  'exp:2026-13-99',
  'exp:',
  '#',
  ' ',
  '\t',
  '\r\n',
  '\n',
  'é',
  '*',
];

test('fuzz: .rampartignore lines', () => {
  const rand = prng(11);
  let ok = 0;
  for (let i = 0; i < 500; i++) {
    let text = '';
    for (let j = Math.floor(rand() * 12); j > 0; j--) text += TOKENS[Math.floor(rand() * TOKENS.length)];
    try {
      for (const e of parseIgnoreFile(text, 'fuzz')) assert.ok(e.pattern.length > 0 && e.line >= 1);
      ok++;
    } catch (e) {
      assert.ok(e instanceof RampartError, String(e));
      assert.equal(e.file, 'fuzz');
      assert.ok((e.line ?? 0) >= 1);
    }
  }
  assert.ok(ok > 100);
});

test('fuzz: VEX documents with values of the wrong type', () => {
  const rand = prng(12);
  const junk: unknown[] = [null, 1, 'x', [], {}, [null], [{}], true];
  const pick = () => junk[Math.floor(rand() * junk.length)];
  let statements = 0;
  for (let i = 0; i < 500; i++) {
    const openvex = i % 2 === 0;
    const doc: Record<string, unknown> = openvex
      ? {
          '@context': 'https://openvex.dev/ns/v0.2.0',
          statements: [
            {
              vulnerability: rand() < 0.5 ? { name: 'CVE-1' } : pick(),
              products: rand() < 0.5 ? [{ '@id': 'pkg:npm/a' }] : pick(),
              status: rand() < 0.7 ? 'not_affected' : pick(),
            },
          ],
        }
      : {
          bomFormat: 'CycloneDX',
          components: rand() < 0.5 ? [{ 'bom-ref': 'a', purl: 'pkg:npm/a@1' }] : pick(),
          vulnerabilities: [
            {
              id: rand() < 0.7 ? 'CVE-1' : pick(),
              analysis: rand() < 0.7 ? { state: 'not_affected' } : pick(),
              affects: rand() < 0.5 ? [{ ref: 'a' }] : pick(),
            },
          ],
        };
    if (rand() < 0.2) doc[openvex ? 'statements' : 'vulnerabilities'] = pick();
    try {
      statements += parseVex(doc, 'fuzz').length;
    } catch (e) {
      assert.ok(e instanceof RampartError, String(e));
    }
  }
  assert.ok(statements > 100);
});
