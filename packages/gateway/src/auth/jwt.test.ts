import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT } from 'jose';
import { request } from 'undici';
import { startTestGateway, startUpstream, type TestGateway, type Upstream } from '../test-support/harness.js';
import { createHmac } from 'node:crypto';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let k1: KeyPair;
let k2: KeyPair;
let k3: KeyPair;
let jwks: { keys: JWK[] };
let jwksFetches = 0;
let idp: Server;
let issuer: string;
let up: Upstream;
let g: TestGateway;

const AUD = 'orders-api';

async function sign(
  key: KeyPair,
  kid: string,
  claims: Record<string, unknown>,
  opts: { iss?: string; aud?: string; exp?: number | string; nbf?: number } = {},
): Promise<string> {
  let j = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).setIssuedAt().setSubject('alice');
  j = j
    .setIssuer(opts.iss ?? issuer)
    .setAudience(opts.aud ?? AUD)
    .setExpirationTime(opts.exp ?? '5m');
  if (opts.nbf !== undefined) j = j.setNotBefore(opts.nbf);
  return j.sign(key.privateKey);
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

before(async () => {
  const gen = () => generateKeyPair('RS256', { extractable: true });
  [k1, k2, k3] = await Promise.all([gen(), gen(), gen()]);
  jwks = { keys: [{ ...(await exportJWK(k1.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
  idp = createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks.json` }));
    } else if (req.url === '/jwks.json') {
      jwksFetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(idp.address() as { port: number }).port}`;
  up = await startUpstream();
  g = await startTestGateway(`
authenticators:
  users:
    type: jwt
    issuer: "${issuer}"
    audience: ${AUD}
    jwksUrl: "${issuer}/jwks.json"
    algorithms: [RS256]
    clockSkewSec: 5
    jwksCooldownMs: 300
upstreams:
  app: { targets: ["${up.url}"] }
routes:
  - { name: orders, match: { path: /orders }, upstream: app, auth: [users] }
`);
});
after(async () => {
  await g.close();
  await up.close();
  idp.close();
});

async function call(token: string | undefined, path = '/orders') {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const r = await request(`${g.url}${path}`, { headers });
  const body = await r.body.text();
  return { status: r.statusCode, headers: r.headers, body };
}

test('a valid token passes', async () => {
  const r = await call(await sign(k1, 'k1', { scope: 'orders:read' }));
  assert.equal(r.status, 200, r.body);
});

test('every invalid token is 401 with a challenge, a bland body, and an event with the reason', async () => {
  const valid = await sign(k1, 'k1', {});
  const [h, p] = valid.split('.') as [string, string, string];
  const tamperedPayload = b64({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'mallory' });
  const pem = await exportSPKI(k1.publicKey);
  const hsHeader = b64({ alg: 'HS256', kid: 'k1', typ: 'JWT' });
  const hsPayload = b64({ sub: 'mallory', iss: issuer, aud: AUD, exp: Math.floor(Date.now() / 1000) + 300 });
  const hsSig = createHmac('sha256', pem).update(`${hsHeader}.${hsPayload}`).digest('base64url');
  const now = Math.floor(Date.now() / 1000);
  const cases: [string, string | undefined, RegExp][] = [
    ['missing token', undefined, /credentials-missing/],
    ['expired', await sign(k1, 'k1', {}, { exp: now - 60 }), /ERR_JWT_EXPIRED/],
    ['not yet valid', await sign(k1, 'k1', {}, { nbf: now + 600 }), /ERR_JWT_CLAIM_VALIDATION_FAILED:nbf/],
    ['wrong audience', await sign(k1, 'k1', {}, { aud: 'other-api' }), /ERR_JWT_CLAIM_VALIDATION_FAILED:aud/],
    ['wrong issuer', await sign(k1, 'k1', {}, { iss: 'https://evil.example' }), /ERR_JWT_CLAIM_VALIDATION_FAILED:iss/],
    ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${hsPayload}.`, /ERR_JOSE_ALG_NOT_ALLOWED/],
    ['unknown kid', await sign(k3, 'k9', {}), /ERR_JWKS_NO_MATCHING_KEY/],
    ['tampered payload', `${h}.${tamperedPayload}.${valid.split('.')[2]}`, /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/],
    ['right kid, wrong key', await sign(k3, 'k1', {}), /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/],
    ['HS256 signed with the RSA public key', `${hsHeader}.${hsPayload}.${hsSig}`, /ERR_JOSE_ALG_NOT_ALLOWED/],
    ['garbage', 'not.a.jwt', /ERR_JWS_INVALID|ERR_JWT_INVALID/],
  ];
  for (const [name, token, reason] of cases) {
    const before = g.sink.events.length;
    const r = await call(token);
    assert.equal(r.status, 401, name);
    assert.equal(r.headers['www-authenticate'], 'Bearer realm="rampart"', name);
    assert.equal(JSON.parse(r.body).title, 'Unauthorized', name);
    assert.doesNotMatch(r.body, /ERR_|expired|audience|kid/i, `${name}: the client is not told why`);
    const ev = g.sink.events.slice(before).at(-1);
    assert.ok(ev, name);
    assert.equal(ev.event.action, 'authn-denied');
    assert.match(String(ev.event.reason), reason, name);
  }
  assert.equal((await call(await sign(k1, 'k1', {}))).status, 200, 'still serving');
});

test('an unknown kid refetches the JWKS, at most once per cooldown; a rotated-in key then verifies', async () => {
  await call(await sign(k1, 'k1', {}));
  const base = jwksFetches;
  await new Promise((r) => setTimeout(r, 350));
  const unknown = await sign(k2, 'k2', {});
  const tokens = await Promise.all([1, 2, 3, 4, 5].map((n) => sign(k2, 'k2', { n })));
  const start = Date.now();
  assert.equal((await call(unknown)).status, 401, 'k2 not published yet');
  const afterFirst = jwksFetches;
  assert.equal(afterFirst, base + 1, 'unknown kid triggered one refetch');
  for (const t of tokens) assert.equal((await call(t)).status, 401);
  // Refetches are at least a cooldown (300 ms) apart: however slow the machine, no more than elapsed/cooldown more.
  const allowed = Math.floor((Date.now() - start) / 300);
  assert.ok(jwksFetches - afterFirst <= allowed, `${jwksFetches - afterFirst} refetches in ${Date.now() - start} ms`);
  jwks.keys.push({ ...(await exportJWK(k2.publicKey)), kid: 'k2', alg: 'RS256', use: 'sig' });
  await new Promise((r) => setTimeout(r, 350));
  assert.equal((await call(await sign(k2, 'k2', {}))).status, 200, 'new key accepted after refetch');
  assert.equal((await call(await sign(k1, 'k1', {}))).status, 200, 'old key still accepted (overlap)');
});

test('OIDC discovery finds the JWKS from the issuer', async () => {
  const t = await startTestGateway(`
authenticators:
  oidc: { type: jwt, issuer: "${issuer}", audience: ${AUD}, discovery: true, algorithms: [RS256] }
upstreams:
  app: { targets: ["${up.url}"] }
routes:
  - { name: r, match: { path: / }, upstream: app, auth: [oidc] }
`);
  try {
    const r = await request(`${t.url}/x`, { headers: { authorization: `Bearer ${await sign(k1, 'k1', {})}` } });
    assert.equal(r.statusCode, 200);
    await r.body.dump();
  } finally {
    await t.close();
  }
});

test('static keys rotate with an overlap window: expired keys stop verifying, HS secrets stay HS-only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-gw-keys-'));
  writeFileSync(join(dir, 'old.pem'), await exportSPKI(k1.publicKey));
  writeFileSync(join(dir, 'new.pem'), await exportSPKI(k2.publicKey));
  const past = new Date(Date.now() - 60_000).toISOString();
  const future = new Date(Date.now() + 3_600_000).toISOString();
  const t = await startTestGateway(
    `
authenticators:
  s:
    type: jwt
    issuer: "${issuer}"
    audience: ${AUD}
    algorithms: [RS256]
    keys:
      - { kid: retired, file: old.pem, alg: RS256, notAfter: "${past}" }
      - { kid: current, file: new.pem, alg: RS256, notBefore: "${past}", notAfter: "${future}" }
      - { kid: next, file: old.pem, alg: RS256, notBefore: "${future}" }
upstreams:
  app: { targets: ["${up.url}"] }
routes:
  - { name: r, match: { path: / }, upstream: app, auth: [s] }
`,
    { baseDir: dir },
  );
  try {
    const st = async (tok: string) => {
      const r = await request(`${t.url}/x`, { headers: { authorization: `Bearer ${tok}` } });
      await r.body.dump();
      return r.statusCode;
    };
    assert.equal(await st(await sign(k2, 'current', {})), 200);
    assert.equal(await st(await sign(k1, 'retired', {})), 401, 'retired key is past notAfter');
    assert.equal(await st(await sign(k1, 'next', {})), 401, 'next key is before notBefore');
    // Rotation by file: a new public key written over the file verifies once reloaded, without a restart.
    writeFileSync(join(dir, 'new.pem'), await exportSPKI(k3.publicKey));
    let status = 0;
    for (let i = 0; i < 60 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = await st(await sign(k3, 'current', { n: i }));
    }
    assert.equal(status, 200, 'reloaded key file verifies');
    assert.equal(await st(await sign(k2, 'current', { fresh: 1 })), 401, 'the replaced key no longer verifies');
  } finally {
    await t.close();
  }
});
