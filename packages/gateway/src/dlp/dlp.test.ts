import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestGateway, startUpstream, type TestGateway, type Upstream } from '../test-support/harness.js';

let up: Upstream;
let g: TestGateway;
const PRIVATE_KEY =
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP\n-----END RSA PRIVATE KEY-----';
const LEAK = JSON.stringify({
  name: 'Jane',
  card: '4111 1111 1111 1111',
  iban: 'DE89370400440532013000',
  ssn: '123-45-6789',
  mail: 'jane@example.com',
});

before(async () => {
  up = await startUpstream((req, res) => {
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"pad":"');
      res.write('x'.repeat(5000));
      res.end(`","card":"4111111111111111"}`);
    } else if (req.url === '/image') {
      res.writeHead(200, { 'content-type': 'image/png' }).end('4111111111111111');
    } else if (req.url === '/key') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`config:\n${PRIVATE_KEY}\nend`);
    } else if (req.url === '/clean') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('nothing to see');
    } else {
      res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' }).end(LEAK);
    }
  });
  g = await startTestGateway(`
upstreams:
  app: { targets: ["${up.url}"] }
routes:
  - { name: redact, match: { path: /redact }, stripPrefix: /redact, upstream: app, auth: none, dlp: { action: redact, detectors: [card, iban, ssn, email], maxBytes: 4096 } }
  - { name: secrets, match: { path: /secrets }, stripPrefix: /secrets, upstream: app, auth: none, dlp: { detectors: [secrets] } }
  - { name: block, match: { path: /block }, stripPrefix: /block, upstream: app, auth: none, dlp: { action: block, detectors: [card] } }
  - { name: log, match: { path: /log }, stripPrefix: /log, upstream: app, auth: none, dlp: { action: log, detectors: [card, ssn] } }
`);
});
after(async () => {
  await g.close();
  await up.close();
});

async function get(path: string) {
  const r = await fetch(`${g.url}${path}`);
  return { status: r.status, body: await r.text(), headers: r.headers };
}

test('redact: every finding is replaced, Content-Length fixed, an event names the detectors', async () => {
  const r = await get('/redact/data');
  assert.equal(r.status, 200);
  const j = JSON.parse(r.body) as Record<string, string>;
  assert.deepEqual(j, {
    name: 'Jane',
    card: '[REDACTED:card]',
    iban: '[REDACTED:iban]',
    ssn: '[REDACTED:ssn]',
    mail: '[REDACTED:email]',
  });
  assert.equal(r.headers.get('content-length'), String(Buffer.byteLength(r.body)));
  assert.equal(r.headers.get('etag'), null, 'a changed body must not keep the upstream ETag');
  const ev = g.sink.events.at(-1);
  assert.equal(ev?.rule?.id, 'dlp.card+email+iban+ssn');
  assert.doesNotMatch(JSON.stringify(ev), /4111|123-45/, 'the event does not carry the data');
  assert.equal(up.seen.at(-1)?.headers['accept-encoding'], 'identity', 'DLP routes ask for plain bodies');
});

test("secrets: private keys found by core's secret rules are redacted", async () => {
  const r = await get('/secrets/key');
  assert.equal(r.status, 200);
  assert.equal(r.body, 'config:\n[REDACTED:secret:rsa-private-key]\nend');
  assert.equal(g.sink.events.at(-1)?.rule?.id, 'dlp.secret:rsa-private-key');
});

test('block: 502 problem instead of the body; log: body passes, event emitted', async () => {
  const b = await get('/block/data');
  assert.equal(b.status, 502);
  assert.doesNotMatch(b.body, /4111/);
  assert.equal(g.sink.events.at(-1)?.event.action, 'dlp-denied');
  const l = await get('/log/data');
  assert.equal(l.status, 200);
  assert.equal(l.body, LEAK);
  assert.equal(g.sink.events.at(-1)?.rule?.id, 'dlp.card+ssn');
});

test('over the size limit: passed through unscanned and reported; other types and clean bodies untouched', async () => {
  const before = await g.gw.metrics.registry.getSingleMetricAsString('rampart_gateway_dlp_unscanned_total');
  const big = await get('/redact/big');
  assert.equal(big.status, 200);
  assert.match(big.body, /4111111111111111/, 'unscanned, never buffered without bound');
  const after = await g.gw.metrics.registry.getSingleMetricAsString('rampart_gateway_dlp_unscanned_total');
  assert.notEqual(after, before);
  assert.match(after, /route="redact"} 1/);
  assert.equal((await get('/redact/image')).body, '4111111111111111', 'binary types are not scanned');
  assert.equal((await get('/redact/clean')).body, 'nothing to see');
});
