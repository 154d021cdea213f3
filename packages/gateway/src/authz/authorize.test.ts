import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Identity } from '../auth/identity.js';
import { hashApiKey } from '../auth/api-key.js';
import { startTestGateway, startUpstream } from '../test-support/harness.js';
import { AuthzConfigError, compileAuthorizer, type RequestFacts } from './authorize.js';

const id = (over: Partial<Identity> = {}): Identity => ({
  type: 'jwt',
  subject: 'alice',
  authenticator: 'users',
  scopes: ['orders:read'],
  roles: ['clerk'],
  claims: { tenant: 'acme', tier: 'gold' },
  ...over,
});
const req = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  method: 'GET',
  path: '/users/alice',
  host: 'api',
  headers: {},
  query: {},
  params: { user: 'alice' },
  clientIp: '127.0.0.1',
  ...over,
});

test('scopes, roles, claims and CEL rules decide in order, and each decision names its rule', () => {
  const authz = compileAuthorizer(
    {
      scopes: ['orders:read'],
      roles: ['clerk'],
      claims: { tenant: 'acme', tier: ['gold', 'silver'] },
      rules: [
        { name: 'own-record', cel: 'request.params.user == identity.subject' },
        { name: 'no-deletes', cel: 'request.method != "DELETE"' },
      ],
    },
    'routes[0].authorize',
  );
  assert.deepEqual(authz(id(), req()), { allow: true, rule: 'all' });
  assert.equal(authz(id({ scopes: [] }), req()).rule, 'scope:orders:read');
  assert.equal(authz(id({ roles: ['guest'] }), req()).rule, 'role:clerk');
  assert.equal(authz(id({ claims: { tenant: 'evil', tier: 'gold' } }), req()).rule, 'claim:tenant');
  assert.equal(authz(id({ claims: { tenant: 'acme', tier: 'bronze' } }), req()).rule, 'claim:tier');
  assert.equal(authz(id(), req({ params: { user: 'bob' } })).rule, 'cel:own-record');
  assert.equal(authz(id(), req({ method: 'DELETE' })).rule, 'cel:no-deletes');
  assert.equal(authz(undefined, req()).allow, false, 'no identity never passes scope checks');
});

test('a CEL rule that fails to evaluate denies (fail closed) and says why', () => {
  const authz = compileAuthorizer({ rules: [{ name: 'missing', cel: 'identity.claims.nope == 1' }] }, 'r');
  const d = authz(id(), req());
  assert.equal(d.allow, false);
  assert.equal(d.rule, 'cel:missing');
  assert.match(String(d.detail), /evaluation error/);
});

test('a CEL syntax error is a config error naming the field', () => {
  assert.throws(
    () => compileAuthorizer({ rules: [{ name: 'bad', cel: 'request.method ==' }] }, 'routes[2].authorize'),
    (e: unknown) => e instanceof AuthzConfigError && e.field === 'routes[2].authorize.rules[0].cel',
  );
});

test('through the gateway: 403 with a plain body, the event names the deciding rule', async () => {
  const up = await startUpstream();
  const g = await startTestGateway(`
authenticators:
  keys:
    type: apiKey
    keys:
      - { id: a, hash: "${hashApiKey('key-alice')}", identity: alice, scopes: [users:read] }
      - { id: b, hash: "${hashApiKey('key-bob')}", identity: bob, scopes: [] }
upstreams:
  app: { targets: ["${up.url}"] }
routes:
  - name: users
    match: { path: "/users/{user}", methods: [GET] }
    upstream: app
    auth: [keys]
    authorize:
      scopes: [users:read]
      rules: [{ name: own-record, cel: "request.params.user == identity.subject" }]
`);
  try {
    const call = async (key: string, path: string) => {
      const r = await fetch(`${g.url}${path}`, { headers: { 'x-api-key': key } });
      return { status: r.status, body: await r.text() };
    };
    assert.equal((await call('key-alice', '/users/alice')).status, 200);
    const other = await call('key-alice', '/users/bob');
    assert.equal(other.status, 403);
    assert.doesNotMatch(other.body, /own-record|scope/);
    assert.equal(g.sink.events.at(-1)?.rule?.id, 'authz.cel:own-record');
    assert.equal(g.sink.events.at(-1)?.user?.name, 'alice');
    assert.equal((await call('key-bob', '/users/bob')).status, 403);
    assert.equal(g.sink.events.at(-1)?.rule?.id, 'authz.scope:users:read');
    const post = await fetch(`${g.url}/users/alice`, { method: 'POST', headers: { 'x-api-key': 'key-alice' } });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET');
  } finally {
    await g.close();
    await up.close();
  }
});
