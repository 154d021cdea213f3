/**
 * Tells real values from what only looks like one: placeholders (`your-api-key-here`, `changeme`, `xxxx`), templates
 * (`{{ .Values.x }}`, `<%= ENV["X"] %>`), references to the environment or a secret store (`${DB_PASSWORD}`,
 * `process.env.X`, `var.x`), documented examples (`AKIAIOSFODNN7EXAMPLE`) and test fixtures (`fake-password-123`).
 */

/** Words that mark a value as a stand-in, wherever they occur in it (case-insensitive). */
const STAND_IN_WORDS = [
  'example',
  'placeholder',
  'changeme',
  'change_me',
  'change-me',
  'redacted',
  'dummy',
  'fake',
  'sample',
  'your_',
  'your-',
  'yourkey',
  'yoursecret',
  'insert',
  'replace',
  'xxxxx',
  '*****',
  '.....',
  '<',
  '>',
  '${',
  '{{',
  '}}',
  '%(',
  '#{',
  'process.env',
  'environ',
  'getenv',
  'secrets.',
  'vault:',
];

const STAND_IN = new RegExp(STAND_IN_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');

/** Whole values that are settings or well-known defaults, never secrets. */
const KNOWN_VALUES = new Set([
  'password',
  'passwd',
  'secret',
  'token',
  'null',
  'none',
  'nil',
  'undefined',
  'true',
  'false',
  'admin',
  'root',
  'postgres',
  'guest',
  'mysql',
  'redis',
  'test',
  'default',
  'required',
  'optional',
]);

/** A value that is a stand-in for a secret rather than one. Provider-prefixed tokens use this too. */
export function isStandIn(value: string): boolean {
  if (STAND_IN.test(value)) return true;
  if (KNOWN_VALUES.has(value.toLowerCase())) return true;
  // One character repeated (`0000000000`, `aaaaaaaa`) after any prefix: a mask, not a token.
  if (/(.)\1{7,}/.test(value)) return true;
  return false;
}

/** Words that mark a generic value as a test fixture or a setting rather than a credential. */
const GENERIC_STAND_IN =
  /test|mock|password|passwd|secret|token|sample|demo|local|foo|bar|qwerty|letmein|abc123|123456/i;

/** Code rather than a literal: `this.password`, `config.db.pass`, `getPassword()`, `$PASS`, `%s`. */
const CODE_LIKE = /^(?:[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+|[A-Za-z_$][\w$]*\(.*|\$\w+|%\w|[A-Za-z_][A-Za-z_]*)$/;

/**
 * A value judged only by its name and shape (generic rules): stricter than `isStandIn`. A real generic secret mixes
 * character classes (letters and digits, or letters and symbols) and is not a word, a number, code or a fixture.
 */
export function isUnlikelyGenericSecret(value: string): boolean {
  if (isStandIn(value)) return true;
  if (GENERIC_STAND_IN.test(value)) return true;
  if (CODE_LIKE.test(value)) return true;
  if (/\s/.test(value)) return true; // prose and descriptions (`"token": "A key used to ..."`), not a credential
  if (/^[0-9.:-]+$/.test(value)) return true; // numbers, versions, times, ports
  if (/^[a-z]+:\/\//i.test(value)) return true; // a URL without credentials (those have their own rules)
  if (/^(?:arn|urn|sha\d*|md5|kms|projects|secretsmanager|ssm):/i.test(value)) return true; // identifiers and digests
  let classes = 0;
  if (/[a-z]/.test(value)) classes++;
  if (/[A-Z]/.test(value)) classes++;
  if (/[0-9]/.test(value)) classes++;
  if (/[^A-Za-z0-9]/.test(value)) classes++;
  return classes < 2 || !/[0-9]|[^A-Za-z0-9_-]/.test(value);
}
