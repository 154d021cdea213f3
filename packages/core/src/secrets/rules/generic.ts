/**
 * Values with no provider format, recognised by a secret-like name (`LDAP_BIND_PASSWORD`, `client_secret`, `apiKey`)
 * and a random-looking value. The strictest rejection applies: stand-ins, code, settings, low entropy.
 */
import { decodeBase64Text } from './encoded.js';
import { isUnlikelyGenericSecret } from '../placeholder.js';
import { rule } from './build.js';

/** Name endings that make the value a setting about the secret, not the secret (`PASSWORD_MIN_LENGTH`, `API_KEY_HEADER`). */
const SETTING_NAME =
  /(?:id|ids|url|uri|file|files|path|dir|header|length|len|name|names|type|policy|hash|sha|digest|checksum|enabled|enable|required|prefix|suffix|env|ref|version|count|ttl|expiry|expires|timeout|size|format|mode|field|regex|pattern|algorithm|alg|rotation|days|arn|location|secretref|keyref|template|description|label|hint|placeholder|strength|reset|policy|provider|store|mount|param|setting|settings)$/i;

/** Values in a provider's format belong to that provider's rule (which may have rejected them, e.g. a bad checksum). */
const PROVIDER_SHAPED =
  /^(?:gh[pousr]_|github_pat_|npm_|glpat-|xox[a-z]-|xapp-|sk_live_|rk_live_|pk_live_|sk_test_|AKIA|ASIA|SG\.|dckr_pat_|hv[sb]\.|AIza|shpat_|pypi-|eyJ)/;

function realGenericValue(secret: string, match: RegExpExecArray): boolean {
  const name = (match.groups?.name ?? '').replace(/["'`\s]/g, '');
  if (SETTING_NAME.test(name)) return false;
  if (match.groups?.secret3 !== undefined && looksLikeCode(match)) return false;
  // Kubernetes Secret `data:` and similar stores hold base64: judge the decoded value.
  const decoded = secret.length >= 12 && secret.length % 4 === 0 ? decodeBase64Text(secret) : undefined;
  // A decoded sentence or template (`{{ .Values.x | b64enc }}`) is not a credential.
  if (decoded !== undefined && /\s/.test(decoded.trim())) return false;
  const value = decoded !== undefined && decoded.length >= 8 ? decoded : secret;
  if (PROVIDER_SHAPED.test(value) || PROVIDER_SHAPED.test(secret)) return false;
  return !isUnlikelyGenericSecret(value);
}

/**
 * An unquoted value in source code rather than a literal: after a comma (an argument list, not SQL's quoted
 * `('name', 'value')`), followed by a call, index or member access, or a short identifier (`Uint8Array`,
 * `sqlite3_value_int`): random credentials are longer or carry symbols.
 */
function looksLikeCode(match: RegExpExecArray): boolean {
  const value = match.groups?.secret3 ?? '';
  if (match.groups?.sep === ',') return true;
  const next = match.input[match.index + match[0].length];
  if (next === '(' || next === '[' || next === '.') return true;
  return (
    value.length < 20 && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(value) && /[a-z0-9][A-Z]|[A-Za-z0-9]_[A-Za-z]/.test(value)
  );
}

/** `NAME <sep> value`, quoted (any character but the quote) or bare (no spaces, quotes or separators). */
function generic(names: string): RegExp {
  return new RegExp(
    `(?<name>(?:${names})[A-Za-z0-9_.-]{0,24}["'\`]?)\\s{0,8}(?<sep>:=|=>|[:=,])\\s{0,8}(?:"(?<secret>[^"\\n\\\\]{8,200})"|'(?<secret2>[^'\\n\\\\]{8,200})'|(?<secret3>[^\\s"'\`()[\\]{}<>]{7,199}[^\\s"'\`;,()[\\]{}<>]))`,
    'gi',
  );
}

const genericRule = (id: string, title: string, names: string, keywords: string[]) =>
  rule({
    id,
    title,
    severity: 'MEDIUM',
    keywords,
    pattern: generic(names),
    minEntropy: 3,
    generic: true,
    verify: realGenericValue,
  });

export const GENERIC_RULES = [
  genericRule('generic-password', 'Hard-coded password', 'passwd|password|passphrase|pwd|_pass|db_pass', [
    'passw',
    'passphrase',
    'pwd',
    '_pass',
  ]),
  genericRule(
    'generic-client-secret',
    'Hard-coded client secret',
    'client[_.-]?secret|app[_.-]?secret|consumer[_.-]?secret|oauth[_.-]?secret|clientsecret',
    ['secret'],
  ),
  genericRule('generic-api-key', 'Hard-coded API key', 'api[_.-]?key|apikey|x-api-key', [
    'api_key',
    'apikey',
    'api-key',
    'api.key',
  ]),
  genericRule(
    'generic-token',
    'Hard-coded token or secret',
    'token|secret|signing[_.-]?key|private[_.-]?key|encryption[_.-]?key|master[_.-]?key|access[_.-]?key|auth[_.-]?key|credentials?',
    [
      'token',
      'secret',
      'signing',
      'private_key',
      'privatekey',
      'encryption',
      'master_key',
      'access_key',
      'accesskey',
      'auth_key',
      'credential',
    ],
  ),
  rule({
    id: 'terraform-variable-default',
    title: 'Hard-coded default of a secret Terraform variable',
    severity: 'MEDIUM',
    keywords: ['variable'],
    pattern:
      /variable\s{1,8}"(?<name>[A-Za-z0-9_-]{0,40}(?:password|passwd|secret|token|api_key|apikey|private_key|access_key|auth|credential)[A-Za-z0-9_-]{0,24})"\s{0,8}\{[^}]{0,400}?default\s{0,8}=\s{0,8}"(?<secret>[^"\n\\]{8,200})"/gi,
    span: 600,
    minEntropy: 3,
    generic: true,
    verify: realGenericValue,
  }),
  rule({
    id: 'bearer-token',
    title: 'Hard-coded bearer token',
    severity: 'MEDIUM',
    keywords: ['bearer '],
    pattern: /(?<![A-Za-z0-9])Bearer\s{1,4}(?<secret>[A-Za-z0-9._~+/-]{20,1000}={0,2})(?![A-Za-z0-9._~+/=-])/g,
    minEntropy: 3.2,
    generic: true,
    verify: (secret) => !isUnlikelyGenericSecret(secret),
  }),
];
