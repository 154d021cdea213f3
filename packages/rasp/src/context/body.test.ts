import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot, seededRandom as rng } from '@rampart/core/testing';
import { parseBody } from './body.js';
import { parseCookies } from './cookies.js';
import { parseMultipart } from './multipart.js';
import { expandBrackets } from './user-input.js';

const bodies = join(repoRoot(), 'packages/rasp/testdata/bodies');

test('multipart (a body encoded by undici FormData): text fields and file names, not file contents', () => {
  const raw = readFileSync(join(bodies, 'form.multipart'));
  const type = readFileSync(join(bodies, 'form.multipart.content-type'), 'utf8').trim();
  const parsed = parseBody(raw, type) as Record<string, string>;
  assert.equal(parsed.name, "O'Brien; DROP");
  assert.equal(parsed.note, 'line one\r\nline two');
  assert.match(parsed.upload ?? '', /passwd\.pdf$/);
  assert.ok(!JSON.stringify(parsed).includes('%PDF'));
});

test('a truncated multipart body yields the complete parts and never throws', () => {
  const raw = readFileSync(join(bodies, 'truncated.multipart'));
  const type = readFileSync(join(bodies, 'form.multipart.content-type'), 'utf8').trim();
  const parsed = parseBody(raw, type) as Record<string, string>;
  assert.equal(parsed.name, "O'Brien; DROP");
});

test('JSON, urlencoded (with bracket objects) and unknown bodies', () => {
  assert.deepEqual(parseBody(Buffer.from('{"a":{"$ne":1}}'), 'application/json; charset=utf-8'), { a: { $ne: 1 } });
  assert.equal(parseBody(Buffer.from('{broken'), 'application/json'), '{broken');
  const form = parseBody(Buffer.from('user=a&pass%5B%24ne%5D=x&tag=1&tag=2'), 'application/x-www-form-urlencoded') as [
    Record<string, unknown>,
    Record<string, unknown>,
  ];
  assert.deepEqual({ ...form[0] }, { user: 'a', 'pass[$ne]': 'x', tag: ['1', '2'] });
  assert.deepEqual(JSON.parse(JSON.stringify(form[1])), { pass: { $ne: 'x' } });
  assert.equal(parseBody(Buffer.from('plain'), undefined), 'plain');
});

test('cookies: quoted and percent-encoded values; malformed escapes kept raw', () => {
  assert.deepEqual(parseCookies('a=1; b="two words"; c=%27x%27; d=%E0%A4%A; flag'), [
    ['a', '1'],
    ['b', 'two words'],
    ['c', "'x'"],
    ['d', '%E0%A4%A'],
  ]);
});

test('expandBrackets builds qs-style objects from bracketed keys', () => {
  assert.equal(expandBrackets([['a', '1']]), undefined);
  assert.deepEqual(JSON.parse(JSON.stringify(expandBrackets([['u[$in][0]', 'x']]))), { u: { $in: { '0': 'x' } } });
});

test('property: the body, multipart and cookie parsers never throw on random input', () => {
  const random = rng(7);
  const alphabet = '-\r\n="; a%[]${}\\\'x0';
  const types = [
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=-x',
    'text/plain',
  ];
  for (let n = 0; n < 3000; n++) {
    let s = '';
    const len = Math.floor(random() * 80);
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(random() * alphabet.length)];
    const raw = Buffer.from(s);
    for (const t of types) parseBody(raw, t);
    parseMultipart(raw, '-x');
    parseCookies(s);
  }
});
