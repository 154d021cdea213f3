import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePath } from './path-matcher.js';
import { hostName, RouteTable } from './route-table.js';

test('prefixes match on segment boundaries; templates capture params; /* takes the rest', () => {
  const p = compilePath('/api');
  assert.ok(p.match('/api'));
  assert.ok(p.match('/api/x'));
  assert.equal(p.match('/apix'), undefined);
  assert.deepEqual(compilePath('/orders/{id}/items/{item}').match('/orders/42/items/a%20b'), { id: '42', item: 'a b' });
  assert.equal(compilePath('/orders/{id}').match('/orders/42/more'), undefined);
  assert.deepEqual(compilePath('/files/{bucket}/*').match('/files/b1/x/y.txt'), { bucket: 'b1' });
  assert.ok(compilePath('/', false).match('/anything'));
  assert.equal(compilePath('/orders', true).match('/orders/1'), undefined, 'exact mode for OpenAPI');
});

test('hosts: exact before wildcard before any; first match in config order; 405 lists allowed methods', () => {
  const routes = [
    { id: 'any', match: { path: '/' } },
    { id: 'wild', match: { hosts: ['*.example.com'], path: '/' } },
    { id: 'exact-get', match: { hosts: ['api.example.com'], path: '/orders', methods: ['GET'] } },
    { id: 'exact-post', match: { hosts: ['api.example.com'], path: '/orders', methods: ['POST', 'PUT'] } },
  ];
  const t = new RouteTable(routes);
  const id = (h: string, m: string, p: string) => {
    const r = t.find(h, m, p);
    return r.kind === 'found' ? r.route.id : r.kind;
  };
  assert.equal(id('api.example.com', 'GET', '/orders'), 'exact-get');
  assert.equal(id('api.example.com', 'PUT', '/orders/1'), 'exact-post');
  assert.equal(id('api.example.com', 'GET', '/other'), 'wild');
  assert.equal(id('x.example.com', 'GET', '/'), 'wild');
  assert.equal(id('example.org', 'GET', '/'), 'any');
  const t2 = new RouteTable([
    { match: { path: '/a', methods: ['GET'] } },
    { match: { path: '/a', methods: ['POST'] } },
  ]);
  assert.deepEqual(t2.find('h', 'DELETE', '/a'), { kind: 'method-not-allowed', allow: ['GET', 'POST'] });
  assert.deepEqual(t2.find('h', 'GET', '/b'), { kind: 'not-found' });
});

test('hostName strips the port and lower-cases; IPv6 literals keep brackets', () => {
  assert.equal(hostName('API.Example.com:8080'), 'api.example.com');
  assert.equal(hostName('[::1]:8080'), '[::1]');
  assert.equal(hostName(undefined), '');
});

test('property: a template matches exactly the paths built from it (seeded random segments)', () => {
  let seed = 3;
  const rnd = (n: number) => {
    seed = (seed * 16807) % 2147483647;
    return seed % n;
  };
  const chars = 'abcXYZ019-_.~%20';
  const seg = () => Array.from({ length: 1 + rnd(6) }, () => chars[rnd(chars.length)]).join('');
  for (let i = 0; i < 300; i++) {
    const n = 1 + rnd(3);
    const lits = Array.from({ length: n }, seg);
    const vals = Array.from({ length: n }, seg);
    const tpl = lits.map((l, j) => `/${l}/{p${j}}`).join('');
    const path = lits.map((l, j) => `/${l}/${vals[j]}`).join('');
    const m = compilePath(tpl).match(path);
    assert.ok(m, `${tpl} vs ${path}`);
    for (let j = 0; j < n; j++) {
      let expected = vals[j] as string;
      try {
        expected = decodeURIComponent(expected);
      } catch {}
      assert.equal(m[`p${j}`], expected);
    }
    assert.equal(compilePath(tpl).match(`${path}/extra`), undefined);
  }
});
