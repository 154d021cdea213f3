import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { RampartError } from '@rampart/core';
import { repoRoot } from '@rampart/core/testing';
import { MemorySink } from '../events/sink.js';
import { startGateway } from '../server/gateway.js';
import { TESTDATA } from '../test-support/harness.js';
import { loadGatewayConfig, parseGatewayConfig } from './load.js';

const base = `
listeners: [{ port: 0 }]
upstreams:
  app: { targets: ["http://127.0.0.1:9"] }
`;

function problems(text: string): RampartError[] {
  try {
    parseGatewayConfig(text, 'gw.yaml', TESTDATA);
  } catch (e) {
    assert.ok(e instanceof RampartError, String(e));
    return [...e.details];
  }
  assert.fail('expected the config to be rejected');
}

test('the example config validates and starts (compiling its OpenAPI spec and CEL rule)', async () => {
  const loaded = await loadGatewayConfig(join(repoRoot(), 'examples', 'gateway', 'gateway.yaml'));
  assert.equal(loaded.config.routes.length, 2);
  assert.equal(loaded.config.limits.maxHeaders, 100);
  const gw = await startGateway(
    { ...loaded.config, listeners: [{ host: '127.0.0.1', port: 0 }], admin: undefined, accessLog: { enabled: false } },
    { baseDir: loaded.baseDir, sink: new MemorySink() },
  );
  await gw.close();
});

test('defaults are applied: deny-by-default limits, retries, balance', () => {
  const { config } = parseGatewayConfig(
    `${base}routes:\n  - { name: r, match: { path: / }, upstream: app, auth: none }\n`,
    'gw.yaml',
    TESTDATA,
  );
  assert.equal(config.upstreams.app?.balance, 'round-robin');
  assert.equal(config.upstreams.app?.retries, 1);
  assert.equal(config.routes[0]?.waf, true);
  assert.equal(config.limits.maxBodyBytes, 10485760);
});

test('schema errors carry file, line and field; typos get a suggestion', () => {
  const text = `${base}routes:\n  - name: r\n    match: { path: / }\n    upstraem: app\n    auth: none\n  - name: s\n    match: { path: nope }\n    upstream: app\n    auth: maybe\n`;
  const p = problems(text);
  const typo = p.find((d) => d.field === 'routes[0].upstraem');
  assert.ok(typo, JSON.stringify(p.map((d) => d.toJSON())));
  assert.equal(typo.file, 'gw.yaml');
  assert.equal(typo.line, 8);
  assert.match(typo.message, /did you mean "upstream"/);
  assert.ok(p.some((d) => d.field === 'routes[1].match.path' && d.line === 11));
});

test('references between sections are checked: upstreams, authenticators, redis, algorithm families', () => {
  const text = `${base}authenticators:
  mixed: { type: jwt, jwksUrl: "http://127.0.0.1:9/jwks", algorithms: [RS256, HS256] }
routes:
  - { name: r, match: { path: / }, upstream: nowhere, auth: [nobody] }
  - { name: r, match: { path: /x }, upstream: app, auth: none, rateLimit: { rate: 1, store: redis } }
`;
  const fields = problems(text).map((d) => d.field);
  for (const f of [
    'routes[0].upstream',
    'routes[0].auth[0]',
    'routes[1].name',
    'routes[1].rateLimit.store',
    'authenticators.mixed.algorithms',
  ]) {
    assert.ok(fields.includes(f), `${f} in ${fields.join(', ')}`);
  }
});

test('a missing file is INPUT_NOT_FOUND (exit code 2), never a stack trace', async () => {
  await assert.rejects(
    loadGatewayConfig('/nonexistent/gateway.yaml'),
    (e: unknown) => e instanceof RampartError && e.code === 'INPUT_NOT_FOUND' && e.exitCode === 2,
  );
});

test('property: random YAML-ish text is either accepted or rejected with a RampartError', () => {
  let seed = 11;
  const rnd = (n: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  const bits = [
    'routes:',
    'listeners:',
    '\n',
    '  - ',
    'port: 0',
    '{',
    '}',
    '[',
    ']',
    ': ',
    'name: r',
    'upstream: app',
    '"',
    '&a',
    '*a',
    '#',
    'auth: none',
    '  ',
  ];
  for (let i = 0; i < 200; i++) {
    const text = Array.from({ length: rnd(25) }, () => bits[rnd(bits.length)]).join('');
    try {
      parseGatewayConfig(text, 'fuzz.yaml', TESTDATA);
    } catch (e) {
      assert.ok(e instanceof RampartError, `${JSON.stringify(text)} threw ${String(e)}`);
      assert.ok(e.code.startsWith('CONFIG_'), e.code);
    }
  }
});
