import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  rawRequest,
  startTestGateway,
  startUpstream,
  statusOf,
  type TestGateway,
  type Upstream,
} from '../test-support/harness.js';

let up: Upstream;
let g: TestGateway;

before(async () => {
  up = await startUpstream();
  g = await startTestGateway(`
limits:
  maxHeaders: 20
  maxHeaderBytes: 4096
  maxUrlBytes: 512
  maxBodyBytes: 1000
  headersTimeoutMs: 400
  requestTimeoutMs: 800
upstreams:
  app:
    targets: ["${up.url}"]
routes:
  - name: app
    match: { path: / }
    upstream: app
    auth: none
`);
});
after(async () => {
  await g.close();
  await up.close();
});

const GOOD = 'GET /ok HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n';

// Each vector: raw bytes, expected status, expected rule in the event. The upstream must never see the request.
const vectors: [string, string, number, string][] = [
  [
    'CL + TE',
    'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    400,
    'strict.smuggling',
  ],
  [
    'duplicate CL',
    'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde',
    400,
    'strict.smuggling',
  ],
  [
    'same CL twice',
    'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\nabcd',
    400,
    'strict.smuggling',
  ],
  ['CL list', 'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4, 4\r\n\r\nabcd', 400, 'strict.smuggling'],
  ['negative CL', 'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', 400, 'strict.smuggling'],
  [
    'TE not chunked',
    'POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n',
    400,
    'strict.transfer-encoding',
  ],
  [
    'TE chunked twice',
    'POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    400,
    'strict.smuggling',
  ],
  [
    'TE chunked, identity',
    'POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n',
    400,
    'strict.smuggling',
  ],
  ['obs-fold', 'GET /a HTTP/1.1\r\nHost: x\r\nX-A: b\r\n c\r\n\r\n', 400, 'strict.parse'],
  ['control char in value', 'GET /a HTTP/1.1\r\nHost: x\r\nX-A: b\x01c\r\n\r\n', 400, 'strict.parse'],
  ['space before colon', 'GET /a HTTP/1.1\r\nHost: x\r\nX-A : b\r\n\r\n', 400, 'strict.parse'],
  ['bare LF line ends', 'GET /a HTTP/1.1\nHost: x\n\n', 400, 'strict.parse'],
  ['bare CR in value', 'GET /a HTTP/1.1\r\nHost: x\r\nX-A: b\rc\r\n\r\n', 400, 'strict.parse'],
  ['two Host headers', 'GET /a HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', 400, 'strict.host'],
  ['absolute-form target', 'GET http://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'strict.request-target'],
  ['dot segments', 'GET /public/../admin HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'strict.path'],
  ['encoded slash', 'GET /public%2f..%2fadmin HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'strict.path'],
  ['URL too long', `GET /${'a'.repeat(600)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414, 'strict.url-length'],
  [
    'too many headers',
    `GET /a HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 25 }, (_, i) => `X-H${i}: v`).join('\r\n')}\r\n\r\n`,
    431,
    'strict.header-count',
  ],
  [
    'header block too large',
    `GET /a HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(5000)}\r\n\r\n`,
    431,
    'strict.header-size',
  ],
  [
    'body over limit (CL)',
    `POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n${'x'.repeat(2000)}`,
    413,
    'strict.body-size',
  ],
];

for (const [name, bytes, status, rule] of vectors) {
  test(`rejects ${name} with ${status}, an event, and keeps serving`, async () => {
    const seenBefore = up.seen.length;
    const eventsBefore = g.sink.events.length;
    const out = await rawRequest(g.port, bytes);
    assert.equal(statusOf(out), status, out.slice(0, 200));
    assert.match(out, /content-type: application\/problem\+json/i);
    assert.equal(up.seen.length, seenBefore, 'the upstream must not see a rejected request');
    const ev = g.sink.events.slice(eventsBefore).find((e) => e.rule?.id === rule);
    assert.ok(
      ev,
      `event with rule ${rule}; got ${g.sink.events
        .slice(eventsBefore)
        .map((e) => e.rule?.id)
        .join(',')}`,
    );
    assert.equal(ev.event.outcome, 'failure');
    assert.equal(ev.http?.response?.status_code, status);
    assert.equal(statusOf(await rawRequest(g.port, GOOD)), 200, 'gateway keeps serving');
  });
}

test('chunked body over the limit is cut with 413', async () => {
  const chunk = 'x'.repeat(600);
  const body = `258\r\n${chunk}\r\n258\r\n${chunk}\r\n0\r\n\r\n`;
  const out = await rawRequest(
    g.port,
    `POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${body}`,
  );
  assert.equal(statusOf(out), 413, out.slice(0, 120));
  assert.ok(g.sink.events.some((e) => e.rule?.id === 'strict.body-size' && e.url?.path === '/a'));
  assert.equal(statusOf(await rawRequest(g.port, GOOD)), 200);
});

test('a slow client that never finishes its headers gets 408 and is closed', async () => {
  const out = await rawRequest(g.port, 'GET /a HTTP/1.1\r\nHost: x\r\nX-Slow: ', 5000);
  assert.equal(statusOf(out), 408, out);
  assert.equal(statusOf(await rawRequest(g.port, GOOD)), 200);
});
