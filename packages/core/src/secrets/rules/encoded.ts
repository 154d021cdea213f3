/** Base64-wrapped credentials: HTTP Basic headers, Docker `auth` entries, `.npmrc` `_auth`, JWTs. */
import { isStandIn, isUnlikelyGenericSecret } from '../placeholder.js';
import { rule, START } from './build.js';

/** Decodes standard or URL-safe base64 to text, or undefined when it is not base64 of printable UTF-8. */
export function decodeBase64Text(value: string): string | undefined {
  const v = value.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v) || v.replace(/=+$/, '').length % 4 === 1) return undefined;
  const bytes = Buffer.from(v, 'base64');
  const text = bytes.toString('utf8');
  // Printable text only (tabs and line breaks allowed): random bytes are not a credential pair.
  if (text.length === 0 || /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/.test(text)) return undefined;
  return text;
}

/** `user:password` where the password is a real value. */
function isCredentialPair(secret: string): boolean {
  const text = decodeBase64Text(secret);
  if (text === undefined) return false;
  const colon = text.indexOf(':');
  if (colon <= 0) return false;
  const user = text.slice(0, colon);
  const password = text.slice(colon + 1);
  return password.length >= 4 && password !== user && !isStandIn(password) && !/\s/.test(user);
}

function isJwt(secret: string): boolean {
  const [header, payload] = secret.split('.');
  const h = decodeBase64Text(header ?? '');
  const p = decodeBase64Text(payload ?? '');
  if (h === undefined || p === undefined) return false;
  try {
    const parsed = JSON.parse(h) as { alg?: unknown };
    JSON.parse(p);
    return typeof parsed.alg === 'string' && parsed.alg !== 'none';
  } catch {
    return false;
  }
}

export const ENCODED_RULES = [
  rule({
    id: 'http-basic-auth',
    title: 'HTTP Basic credentials',
    severity: 'HIGH',
    keywords: ['basic '],
    pattern: /(?<![A-Za-z0-9])Basic\s{1,4}(?<secret>[A-Za-z0-9+/]{8,400}={0,2})(?![A-Za-z0-9+/=])/g,
    verify: isCredentialPair,
  }),
  rule({
    id: 'docker-config-auth',
    title: 'Docker registry credentials (config.json auth)',
    severity: 'HIGH',
    keywords: ['"auth"'],
    pattern: /\\?"auth\\?"\s{0,4}:\s{0,4}\\?"(?<secret>[A-Za-z0-9+/]{8,400}={0,2})\\?"/g,
    verify: isCredentialPair,
  }),
  rule({
    id: 'npmrc-auth',
    title: 'npm registry credentials (.npmrc _auth)',
    severity: 'HIGH',
    keywords: ['_auth'],
    pattern: /(?<![A-Za-z0-9])_auth\s{0,4}=\s{0,4}["']?(?<secret>[A-Za-z0-9+/]{8,400}={0,2})/g,
    verify: isCredentialPair,
  }),
  rule({
    id: 'npmrc-auth-token',
    title: 'npm registry token (.npmrc _authToken)',
    severity: 'HIGH',
    keywords: ['_authtoken'],
    pattern: /_authToken\s{0,4}=\s{0,4}["']?(?<secret>[A-Za-z0-9._~+/=-]{16,400})/g,
    verify: (secret) => !isUnlikelyGenericSecret(secret),
    minEntropy: 3,
    generic: true,
  }),
  rule({
    id: 'jwt',
    title: 'JSON Web Token',
    severity: 'MEDIUM',
    keywords: ['eyj'],
    pattern: new RegExp(
      `${START}(?<secret>eyJ[A-Za-z0-9_-]{8,2000}\\.eyJ[A-Za-z0-9_-]{8,8000}\\.[A-Za-z0-9_-]{16,2000})(?![A-Za-z0-9_-])`,
      'g',
    ),
    verify: isJwt,
  }),
];
