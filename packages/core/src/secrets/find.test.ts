import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base62, crc32 } from './checksum.js';
import { findSecrets, findSecretsInBytes } from './find.js';
import { maskSecret } from './mask.js';

const withChecksum = (prefix: string, body: string) => `${prefix}${body}${base62(crc32(body)).padStart(6, '0')}`;
const GHP = withChecksum('ghp_', 'k3J9sLq0PzXw7VbN2mRt5YcHdF8gAe');
const NPM = withChecksum('npm_', 'Zq8Xv3LmN0pRt6YsWk2HbJ9cFgDa1E');
const b64 = (s: string) => Buffer.from(s).toString('base64');
const RSA_BODY = Array.from({ length: 6 }, (_, i) => `MIIEowIBAAKCAQEA${'x7Kq9ZpL3mW2vB8n'.repeat(3)}${i}`).join('\n');

/** [text, rule expected, secret expected]: one real-shaped value per family. */
const POSITIVES: [string, string, string][] = [
  ['aws_access_key_id = AKIAZ7Q4MJ3XW2RTLK6P', 'aws-access-key-id', 'AKIAZ7Q4MJ3XW2RTLK6P'],
  [
    'AWS_SECRET_ACCESS_KEY="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"',
    'aws-secret-access-key',
    '8S8l9ZTCWQM8gNpt1w2EOhJjYA1fPMfuexj1d9RF',
  ],
  [`GH_TOKEN=${GHP}`, 'github-pat-classic', GHP],
  [`//registry.npmjs.org/:_authToken=${NPM}`, 'npm-access-token', NPM],
  ['token: glpat-VyMIDIFws1vlwsVp7jwj', 'gitlab-pat', 'glpat-VyMIDIFws1vlwsVp7jwj'],
  [
    'SLACK=xoxb-5266384732121-2474518740875-lOlxaXwZt8du5Qe0GZ7iHspC',
    'slack-bot-token',
    'xoxb-5266384732121-2474518740875-lOlxaXwZt8du5Qe0GZ7iHspC',
  ],
  ['key: "sk_live_dhSZgZOKrJkXjMib1dM9OcfX"', 'stripe-secret-key', 'sk_live_dhSZgZOKrJkXjMib1dM9OcfX'],
  [
    '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',
    'sendgrid-api-key',
    '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',
  ],
  ['DATABASE_URL=postgres://app:Xq7-vR2pL9mZ@db.internal:5432/app', 'postgres-url-password', 'Xq7-vR2pL9mZ'],
  ['export DD_API_KEY=179c43c175d8200101f3eac8f6da3a55', 'datadog-api-key', '179c43c175d8200101f3eac8f6da3a55'],
  ['db_password: "U8I^-3k-~*.&@hQpOmmmtd6"', 'generic-password', 'U8I^-3k-~*.&@hQpOmmmtd6'],
  [
    `-----BEGIN RSA PRIVATE KEY-----\n${RSA_BODY}\n-----END RSA PRIVATE KEY-----`,
    'rsa-private-key',
    `-----BEGIN RSA PRIVATE KEY-----\n${RSA_BODY}\n-----END RSA PRIVATE KEY-----`,
  ],
  [`Authorization: Basic ${b64('deploy:h~2*~?COA&,^Az.+')}`, 'http-basic-auth', b64('deploy:h~2*~?COA&,^Az.+')],
];

test('each provider family is found, with the secret itself and its rule', () => {
  for (const [text, ruleId, secret] of POSITIVES) {
    const found = findSecrets(text);
    assert.equal(found.length, 1, `${ruleId}: ${JSON.stringify(found)}`);
    assert.equal(found[0]?.ruleId, ruleId);
    assert.equal(found[0]?.secret, secret);
    assert.equal(text.slice(found[0]?.start, found[0]?.end), secret);
  }
});

test('placeholders, templates, references, examples and bad checksums are not secrets', () => {
  const badChecksum = `${GHP.slice(0, -1)}${GHP.endsWith('A') ? 'B' : 'A'}`;
  const decoys = [
    'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'password: ${DB_PASSWORD}',
    'password: "{{ .Values.db.password }}"',
    'api_key = os.environ["API_KEY"]',
    'const token = process.env.GITHUB_TOKEN;',
    'password: changeme',
    'STRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
    `GITHUB_TOKEN=${badChecksum}`,
    'PASSWORD_MIN_LENGTH=12',
    'API_KEY_HEADER=X-API-Key',
    'url: postgres://postgres:postgres@localhost:5432/dev',
    'DATABASE_URL=postgres://db.internal:5432/app',
    'pk_live_51HqLyjWDarjtT1zdp7dcXkT8w4w7z9u6W9UKh2fT3Ybq',
    '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
    `-----BEGIN PUBLIC KEY-----\n${RSA_BODY}\n-----END PUBLIC KEY-----`,
    'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
    'GIT_SHA=3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39',
    '  secretKey: Uint8Array;',
    'see http://user:Xq7-vR2pL9mZ@example.com:123/path',
    'i = pMod->xFindFunction(pVtab, 2, pExpr->u.zToken, &xNotUsed);',
    'case 6: nToken = sqlite3_value_int(apVal[5]);',
    '"token": "A key used to sign the requests of a client"',
  ];
  for (const text of decoys) assert.deepEqual(findSecrets(text), [], text);
});

test('line and column point at the secret, and end lines at the end of multi-line ones', () => {
  const text = `a: 1\nb: 2\n  token: ${GHP}\nkey: |\n  -----BEGIN RSA PRIVATE KEY-----\n${RSA_BODY}\n  -----END RSA PRIVATE KEY-----\n`;
  const found = findSecrets(text);
  assert.equal(found.length, 2);
  assert.deepEqual([found[0]?.line, found[0]?.column], [3, 10]);
  assert.deepEqual([found[1]?.ruleId, found[1]?.line, found[1]?.endLine], ['rsa-private-key', 5, 12]);
});

test('a token stored base64-encoded in a Kubernetes Secret is found on the encoded value', () => {
  const text = `apiVersion: v1\nkind: Secret\ndata:\n  GH_TOKEN: ${b64(GHP)}\n  LOG_LEVEL: ${b64('info')}\n`;
  const found = findSecrets(text);
  assert.equal(found.length, 1);
  assert.equal(found[0]?.ruleId, 'github-pat-classic');
  assert.equal(found[0]?.encoding, 'base64');
  assert.equal(found[0]?.secret, b64(GHP));
  assert.equal(found[0]?.line, 4);
});

test('custom rules replace the built-in set', () => {
  const rules = [
    {
      id: 'acme-key',
      title: 'ACME key',
      severity: 'HIGH' as const,
      keywords: ['acme_'],
      pattern: /acme_[0-9a-f]{16}/g,
    },
  ];
  const found = findSecrets(`x=acme_0123456789abcdef and ${GHP}`, { rules });
  assert.deepEqual(
    found.map((f) => f.ruleId),
    ['acme-key'],
  );
});

test('masking keeps a short head and never the value', () => {
  assert.equal(maskSecret('short'), '********');
  const masked = maskSecret(GHP);
  assert.ok(masked.startsWith('ghp_') && masked.includes('****') && !masked.includes(GHP.slice(8)));
  assert.equal(maskSecret(`-----BEGIN RSA PRIVATE KEY-----\n${RSA_BODY}`), '-----BEGIN RSA PRIVATE KEY-----****');
});

test('bytes and strings give the same matches, for ASCII and for UTF-8 text', () => {
  for (const text of [
    `x=1\ntoken: ${GHP}\n`,
    `caf\u00e9 \u{1F600}\ntoken: ${GHP}\nDB_PASSWORD="Vq3#pL9-xZ2!mK7w" # \u00fc\n`,
    'nothing to see here\n',
  ]) {
    assert.deepEqual(findSecretsInBytes(Buffer.from(text, 'utf8')), findSecrets(text));
  }
});
