import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startTestGateway, startUpstream, TESTDATA, type TestGateway, type Upstream } from '../test-support/harness.js';
import { OpenApiValidator } from './openapi.js';

let up: Upstream;
let g: TestGateway;

before(async () => {
  up = await startUpstream();
  g = await startTestGateway(`
upstreams:
  app: { targets: ["${up.url}"] }
routes:
  - { name: orders, match: { path: /api }, stripPrefix: /api, upstream: app, auth: none, openapi: { spec: openapi/orders-3.1.yaml } }
  - { name: pets, match: { path: /pets }, upstream: app, auth: none, openapi: { spec: openapi/pets-3.0.json, strict: false } }
`);
});
after(async () => {
  await g.close();
  await up.close();
});

async function call(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const r = await fetch(`${g.url}${path}`, {
    method,
    headers: { 'x-tenant': 'acme', ...headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await r.text();
  return {
    status: r.status,
    type: r.headers.get('content-type'),
    json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

const json = { 'content-type': 'application/json' };

test('valid requests pass (path, query and header params coerced; $ref bodies)', async () => {
  assert.equal((await call('GET', '/api/orders?limit=10')).status, 200);
  assert.equal((await call('GET', '/api/orders/42')).status, 200);
  assert.equal((await call('POST', '/api/orders', '{"sku":"AB-1","quantity":2,"note":null}', json)).status, 200);
  assert.equal(up.seen.at(-1)?.url, '/orders', 'prefix stripped before validation and proxying');
});

test('bad requests get RFC 9457 problem+json with the status of their fault and an event', async () => {
  const cases: [string, string, string | undefined, Record<string, string>, number, string][] = [
    ['unknown path (strict)', '/api/nope', undefined, {}, 404, 'openapi.path'],
    ['unknown method (strict)', '/api/orders/1', undefined, {}, 405, 'openapi.path'],
    ['query out of range', '/api/orders?limit=1000', undefined, {}, 400, 'openapi.query'],
    ['path param not an integer', '/api/orders/abc', undefined, {}, 400, 'openapi.path'],
    ['missing required header', '/api/orders', undefined, { 'x-tenant': '' }, 400, 'openapi.header'],
    ['malformed JSON', '/api/orders', '{"sku": "AB-1", ', json, 400, 'openapi.body'],
    ['schema violation', '/api/orders', '{"sku":"ab","quantity":0,"extra":1}', json, 400, 'openapi.body'],
    [
      'wrong content type',
      '/api/orders',
      'sku=AB-1',
      { 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'openapi.content-type',
    ],
    ['missing required body', '/api/orders', undefined, json, 400, 'openapi.body'],
  ];
  for (const [name, path, body, headers, status, rule] of cases) {
    const method =
      body !== undefined || name.includes('body') || name.includes('unknown method')
        ? name.includes('unknown method')
          ? 'DELETE'
          : 'POST'
        : 'GET';
    const before = g.sink.events.length;
    const seen = up.seen.length;
    const r = await call(method, path, body, headers);
    assert.equal(r.status, status, name);
    assert.equal(r.type, 'application/problem+json', name);
    assert.equal(r.json?.status, status, name);
    assert.ok(Array.isArray(r.json?.errors), `${name}: errors listed`);
    assert.equal(g.sink.events.slice(before).at(-1)?.rule?.id, rule, name);
    assert.equal(up.seen.length, seen, `${name}: not proxied`);
  }
});

test('OpenAPI 3.0 nullable works; non-strict mode lets unknown paths through', async () => {
  assert.equal((await call('POST', '/pets', '{"name":"rex","tag":null}', json)).status, 200);
  assert.equal((await call('POST', '/pets', '{"name":""}', json)).status, 400);
  assert.equal((await call('GET', '/pets/unknown')).status, 200);
});

test('a spec that is not OpenAPI 3.0/3.1 is refused at start', () => {
  assert.throws(
    () => new OpenApiValidator(join(TESTDATA, 'openapi', 'swagger-2.0.yaml'), true),
    /must be 3\.0\.x or 3\.1\.x/,
  );
});

test('property: random bodies never crash the validator and always get 200 or a 4xx', async () => {
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  const alphabet = [
    '{',
    '}',
    '"',
    ':',
    ',',
    'sku',
    'quantity',
    '1',
    '-5',
    'null',
    '[',
    ']',
    ' ',
    'AB-1',
    '\\',
    'true',
    '1e999',
  ];
  for (let i = 0; i < 60; i++) {
    const body = Array.from({ length: 1 + rnd(12) }, () => alphabet[rnd(alphabet.length)]).join('');
    const r = await call('POST', '/api/orders', body, json);
    assert.ok(r.status === 200 || r.status === 400, `${JSON.stringify(body)} → ${r.status}`);
  }
});
