/**
 * Secrets stored base64-encoded (Kubernetes Secret `data:`, `.dockerconfigjson`, CI variables): the base64 text never
 * shows a provider's prefix, so the prefilter also looks for the base64 forms of common prefixes, and for Kubernetes
 * Secret manifests. Each base64 token there is decoded and scanned; a secret inside is reported on the encoded token.
 */
/** Plain-text starts whose base64 form marks an encoded secret worth decoding. */
const PLAIN_PREFIXES = [
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'github_pat_',
  'glpat-',
  'AKIA',
  'ASIA',
  '-----BEGIN',
  'sk_live_',
  'rk_live_',
  'sk_test_',
  'xoxb-',
  'xoxp-',
  'xapp-',
  'SG.',
  'npm_',
  'dckr_pat_',
  'hvs.',
  'AIza',
  'shpat_',
  'DefaultEndpointsProtocol',
  'Basic ',
  '{"auths"',
  '{\n  "auths"',
  'IQoJb3JpZ2luX2Vj',
  'FwoGZXIvYXdz',
  'pypi-AgE',
  'sk-proj-',
  'eyJ',
  'postgres://',
  'postgresql://',
  'mysql://',
  'mongodb://',
  'mongodb+srv://',
  'redis://',
  'rediss://',
  'amqp://',
  'amqps://',
  'jdbc:',
  'https://',
  '{"type":',
  '{\n  "type": "service_account"',
];

function base64Keyword(prefix: string): string {
  const b = Buffer.from(prefix, 'utf8').toString('base64').replace(/=+$/, '');
  // The last character also encodes bits of whatever follows the prefix: keep only the fully determined ones.
  const whole = Math.floor((prefix.length * 8) / 6);
  return b.slice(0, whole);
}

/** A Kubernetes Secret manifest: every base64 value in it is decoded. */
export const MANIFEST_KEYWORDS: readonly string[] = ['kind: secret', '"kind": "secret"', '"kind":"secret"'];

export const ENCODED_KEYWORDS: readonly string[] = [
  ...new Set(PLAIN_PREFIXES.map(base64Keyword).filter((k) => k.length >= 4)),
];

/** A base64 token standing alone (a value), long enough to hold a credential. */
export const BASE64_TOKEN = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{16,16000}={0,2}(?![A-Za-z0-9+/=_-])/g;
