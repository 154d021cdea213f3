import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { after, before, test } from 'node:test';
import { Agent, request } from 'undici';
import { startTestGateway, startUpstream, TESTDATA, type TestGateway, type Upstream } from '../test-support/harness.js';
import { hashApiKey } from './api-key.js';

const tls = (f: string) => readFileSync(join(TESTDATA, 'tls', f));
let up: Upstream;
let g: TestGateway;
let certDir: string;

before(async () => {
  up = await startUpstream();
  certDir = mkdtempSync(join(tmpdir(), 'rampart-gw-tls-'));
  copyFileSync(join(TESTDATA, 'tls', 'server.pem'), join(certDir, 'cert.pem'));
  copyFileSync(join(TESTDATA, 'tls', 'server.key'), join(certDir, 'key.pem'));
  const yesterday = new Date(Date.now() - 86_400_000).toISOString();
  g = await startTestGateway(
    `
listeners:
  - port: 0
    tls: { cert: cert.pem, key: key.pem, clientCa: ${join(TESTDATA, 'tls', 'ca.pem')} }
accessLog: { enabled: false }
authenticators:
  mesh: { type: mtls, trustDomain: "spiffe://example.org" }
  partners:
    type: apiKey
    keys:
      - { id: acme-1, hash: "${hashApiKey('acme-secret-key-1')}", identity: acme, scopes: [orders:read] }
      - { id: acme-0, hash: "${hashApiKey('acme-old-key-0')}", identity: acme, notAfter: "${yesterday}" }
upstreams:
  app: { targets: ["${up.url}"] }
routes:
  - { name: mesh, match: { path: /mesh }, upstream: app, auth: [mesh] }
  - { name: partner, match: { path: /partner }, upstream: app, auth: [partners] }
`,
    { baseDir: certDir },
  );
});
after(async () => {
  await g.close();
  await up.close();
});

function agent(client?: string): Agent {
  return new Agent({
    connect: {
      ca: tls('ca.pem'),
      servername: 'localhost',
      ...(client === undefined ? {} : { cert: tls(`${client}.pem`), key: tls(`${client}.key`) }),
    },
  });
}

async function get(path: string, a: Agent, headers: Record<string, string> = {}) {
  const r = await request(`https://localhost:${g.port}${path}`, { dispatcher: a, headers });
  await r.body.dump();
  return r.statusCode;
}

test('mTLS: a verified client certificate with a SPIFFE ID of the trust domain is the identity', async () => {
  const a = agent('client-orders');
  assert.equal(await get('/mesh', a), 200);
  await a.close();
});

test('mTLS: foreign trust domain, no SPIFFE ID, unknown CA and no certificate are denied with reasons', async () => {
  const cases: [string | undefined, RegExp][] = [
    ['client-foreign', /mtls-foreign-trust-domain/],
    ['client-nospiffe', /mtls-no-spiffe-id/],
    ['selfsigned', /mtls-unverified/],
    [undefined, /credentials-missing/],
  ];
  for (const [client, reason] of cases) {
    const a = agent(client);
    const before = g.sink.events.length;
    assert.equal(await get('/mesh', a), 401, String(client));
    assert.match(String(g.sink.events.slice(before).at(-1)?.event.reason), reason, String(client));
    await a.close();
  }
});

test('API keys: a valid key passes; unknown and expired keys are 401', async () => {
  const a = agent();
  assert.equal(await get('/partner', a, { 'x-api-key': 'acme-secret-key-1' }), 200);
  assert.equal(up.seen.at(-1)?.headers['x-api-key'], 'acme-secret-key-1', 'credentials are passed on unchanged');
  for (const [key, reason] of [
    ['acme-secret-key-2', 'api-key-unknown'],
    ['acme-old-key-0', 'api-key-expired'],
  ] as const) {
    const before = g.sink.events.length;
    assert.equal(await get('/partner', a, { 'x-api-key': key }), 401);
    const ev = g.sink.events.slice(before).at(-1);
    assert.equal(ev?.event.reason, reason);
    assert.doesNotMatch(JSON.stringify(ev), new RegExp(key), 'the presented key never reaches the event');
  }
  await a.close();
});

test('TLS below 1.2 is refused', async () => {
  const s = tlsConnect({
    port: g.port,
    host: '127.0.0.1',
    maxVersion: 'TLSv1.1',
    minVersion: 'TLSv1',
    ca: tls('ca.pem'),
    servername: 'localhost',
  });
  const [err] = (await Promise.race([once(s, 'error'), once(s, 'secureConnect').then(() => [undefined])])) as [
    Error | undefined,
  ];
  s.destroy();
  assert.ok(err, 'handshake must fail');
});

test('the certificate is reloaded when its files change', async () => {
  const fingerprint = async () => {
    const s = tlsConnect({ port: g.port, host: '127.0.0.1', ca: tls('ca.pem'), servername: 'localhost' });
    await once(s, 'secureConnect');
    const fp = s.getPeerCertificate().fingerprint256;
    s.destroy();
    return fp;
  };
  const before = await fingerprint();
  copyFileSync(join(TESTDATA, 'tls', 'server2.key'), join(certDir, 'key.pem'));
  copyFileSync(join(TESTDATA, 'tls', 'server2.pem'), join(certDir, 'cert.pem'));
  let after = before;
  for (let i = 0; i < 40 && after === before; i++) {
    await new Promise((r) => setTimeout(r, 100));
    after = await fingerprint();
  }
  assert.notEqual(after, before, 'new handshakes present the new certificate');
  const a = agent('client-orders');
  assert.equal(await get('/mesh', a), 200);
  await a.close();
});
