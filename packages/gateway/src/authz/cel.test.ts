import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCelError } from '@bufbuild/cel';
import { compileCel } from './cel.js';
import { objectView } from './object-view.js';

const run = (expr: string, request: object, identity: object = {}) =>
  compileCel(expr)({ request: objectView(request), identity: objectView(identity) });

test('rules read the request facts in place: nested objects, header lists, query strings', () => {
  const request = {
    headers: { 'x-tags': ['a', 'b'], host: 'api' },
    query: { limit: '150' },
    params: { user: 'alice' },
  };
  assert.equal(run('request.headers["x-tags"][1] == "b" && has(request.headers.host)', request), true);
  assert.equal(run('"limit" in request.query && int(request.query.limit) > 100', request), true);
  assert.equal(run('request.query == {"limit": "150"} && size(request.params) == 1', request), true);
  assert.equal(run('request.params.exists(k, k == "user")', request), true);
});

test('JSON numbers are doubles that compare with ints; an unset optional field is absent', () => {
  const identity = { subject: 'alice', claims: { level: 3, exp: 1700000000 }, credentialId: undefined };
  assert.equal(run('identity.claims.level == 3 && identity.claims.exp > 1600000000', {}, identity), true);
  assert.equal(run('type(identity.claims.level) == double', {}, identity), true);
  assert.equal(run('has(identity.credentialId)', {}, identity), false);
  assert.ok(isCelError(run('identity.credentialId == ""', {}, identity)));
});

test('only own keys are visible, also on objects without a prototype', () => {
  assert.equal(run('has(request.toString) || "constructor" in request', { a: 1 }), false);
  const bare = Object.assign(Object.create(null) as object, { user: 'alice' });
  assert.equal(run('request.user == "alice"', { nested: bare, user: 'alice' }), true);
  assert.equal(run('request.nested.user == "alice"', { nested: bare }), true);
});

test('matches() is RE2: the same compiled pattern answers every call; Perl-only syntax is an evaluation error', () => {
  const rule = compileCel('request.path.matches("^/users/[a-z]+$")');
  for (const [path, want] of [
    ['/users/alice', true],
    ['/users/Alice', false],
    ['/users/bob', true],
  ] as const) {
    assert.equal(rule({ request: objectView({ path }), identity: objectView({}) }), want, path);
  }
  assert.ok(isCelError(run('request.path.matches("(?=a)")', { path: '/a' })));
});

test('the strings extension is available; a syntax error throws at compile time', () => {
  assert.equal(run('request.path.lowerAscii().split("/").size() == 3', { path: '/Users/Alice' }), true);
  assert.throws(() => compileCel('request.method =='));
});
