/**
 * Property tests with seeded random inputs (bounded counts): the SecLang lexer and action parser, the body parsers,
 * the raw-request parser and every transformation never throw anything but their own errors, never hang, and keep
 * their invariants (byte strings stay byte strings).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RampartError } from '@rampart/core';
import { parseJsonBody } from './bodies/json.js';
import { parseMultipart } from './bodies/multipart.js';
import { parseUrlEncoded } from './bodies/urlencoded.js';
import { parseXmlBody } from './bodies/xml.js';
import { parseRawRequest } from './http/raw-request.js';
import { detectSqli } from './libinjection/sqli.js';
import { detectXss } from './libinjection/xss.js';
import { loadWafSync } from './load-waf.js';
import { parseActions } from './seclang/actions.js';
import { lexSecLang } from './seclang/lexer.js';
import { TRANSFORMATIONS } from './transformations/index.js';
import { seededRandom as prng } from '@rampart/core/testing';

const ALPHABET = [
  '"',
  "'",
  '\\',
  '\n',
  '\r',
  ' ',
  ',',
  ':',
  '|',
  '!',
  '&',
  '@',
  '%{',
  '}',
  '=',
  '<',
  '>',
  '/',
  '*',
  '-',
  '#',
  ';',
  '(',
  ')',
  '[',
  ']',
  '{',
  'a',
  'Z',
  '0',
  '9',
  '\x00',
  '\xff',
  '\xc3\xa9',
  'SecRule',
  'id:',
  'chain',
  '--',
  'boundary',
  'Content-Disposition: form-data; name="a"',
  '\r\n\r\n',
  'HTTP/1.1',
  'GET ',
  'select',
  'or',
];

function randomText(rand: () => number, max: number): string {
  let s = '';
  const n = Math.floor(rand() * max);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return s;
}

const ROUNDS = 400;

test('SecLang lexer, action parser and loader: only RampartErrors or collected errors', () => {
  const rand = prng(8);
  for (let i = 0; i < ROUNDS; i++) {
    const text = randomText(rand, 60);
    try {
      lexSecLang(text, 'fuzz.conf');
    } catch (e) {
      assert.ok(e instanceof RampartError, `lexer threw ${String(e)} on ${JSON.stringify(text)}`);
    }
    parseActions(text);
    const waf = loadWafSync({ rules: `SecRule ARGS "@rx a" "id:1,${text}"\n${text}`, mode: 'detect' });
    for (const e of waf.loadErrors) assert.equal(typeof e.line, 'number');
  }
});

test('body parsers never throw and produce byte strings', () => {
  const rand = prng(21);
  for (let i = 0; i < ROUNDS; i++) {
    const text = randomText(rand, 80);
    const out: [string, string][] = [];
    parseUrlEncoded(text, out);
    for (const body of [
      parseJsonBody(text),
      parseMultipart(text, 'multipart/form-data; boundary=boundary'),
      parseXmlBody(text),
    ]) {
      for (const [k, v] of body.args) assert.ok(!/[^\x00-\xff]/.test(k + v), 'args are byte strings');
    }
  }
  assert.equal(
    parseJsonBody('{"a":[1,{"b":"c"}]}')
      .args.map(([k]) => k)
      .join(),
    'json.a.array_0,json.a.array_1.b',
  );
  assert.match(parseJsonBody('{"a":').error ?? '', /JSON/);
});

test('raw request parser: input errors are RampartErrors naming the input', () => {
  const rand = prng(3);
  for (let i = 0; i < ROUNDS; i++) {
    const text = randomText(rand, 40);
    try {
      const r = parseRawRequest(Buffer.from(text, 'latin1'), '127.0.0.1', 'fuzz');
      assert.equal(typeof r.uri, 'string');
    } catch (e) {
      assert.ok(e instanceof RampartError && e.file === 'fuzz', String(e));
    }
  }
});

test('transformations and detectors are total on random byte strings', () => {
  const rand = prng(99);
  for (let i = 0; i < ROUNDS; i++) {
    const text = randomText(rand, 50);
    for (const [name, fn] of TRANSFORMATIONS) {
      const out = fn(text);
      assert.ok(!/[^\x00-\xff]/.test(out), `t:${name} left the byte range on ${JSON.stringify(text)}`);
    }
    detectSqli(text);
    detectXss(text);
  }
});
