import assert from 'node:assert/strict';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { test } from 'node:test';
import { RequestContext } from './request-context.js';

function request(url: string, headers: Record<string, string>, body?: string): RequestContext {
  const req = new IncomingMessage(new Socket());
  req.url = url;
  req.method = body === undefined ? 'GET' : 'POST';
  req.headers = headers;
  const ctx = new RequestContext(req, undefined);
  if (body !== undefined) ctx.addBodyChunk(Buffer.from(body));
  return ctx;
}

test('user input: query (keys and values), decoded path segments, headers, cookies and JSON body', () => {
  const ctx = request(
    '/users/O%27Brien/x?id=1%20OR%201=1&user[$ne]=a',
    { 'content-type': 'application/json', cookie: 'sid=abc123; pref=%3Cb%3E', 'user-agent': "sqlmap'--" },
    '{"name":"bob\'s","nested":{"list":["one","two"]},"__proto__":{"admin":true}}',
  );
  const input = ctx.input();
  const values = input.strings.map((s) => `${s.source}:${s.value}`);
  for (const expected of [
    "path:O'Brien",
    'query:1 OR 1=1',
    'query:user[$ne]',
    'cookies:abc123',
    'cookies:<b>',
    "headers:sqlmap'--",
    "body:bob's",
    'body:one',
  ]) {
    assert.ok(values.includes(expected), `${expected} in ${JSON.stringify(values)}`);
  }
  assert.deepEqual(
    input.operatorObjects.map((o) => JSON.stringify(o.value)),
    ['{"$ne":"a"}'],
  );
  assert.deepEqual(input.pollutionKeys, [{ source: 'body', path: 'body.__proto__' }]);
});

test('input is gathered once per request and again only when more body arrives', () => {
  const ctx = request('/x', { 'content-type': 'text/plain' }, 'first');
  const a = ctx.input();
  assert.equal(ctx.input(), a);
  ctx.addBodyChunk(Buffer.from(' second'));
  assert.notEqual(ctx.input(), a);
  assert.ok(ctx.input().strings.some((s) => s.value === 'first second'));
});
