/**
 * Private keys of every PEM flavor (PKCS#1 RSA, SEC1 EC, DSA, PKCS#8 plain and encrypted, OpenSSH, PGP), PuTTY and
 * JSON-escaped forms. A block counts only when its body has key-sized base64: `...` or `<your key here>` bodies are
 * placeholders, and certificates and public keys never match.
 */
import { rule } from './build.js';

/** How much of a block's body may sit between BEGIN and END (an 8192-bit RSA key is about 6.4 KB of base64). */
const MAX_BODY = 12000;

function pemBlock(label: string): RegExp {
  const l = label.replace(/ /g, ' ');
  return new RegExp(
    `(?<secret>-----BEGIN ${l}-----(?<body>[A-Za-z0-9+/=\\s\\\\:,"'\`+.-]{64,${MAX_BODY}}?)-----END ${l}-----)`,
    'g',
  );
}

/** The body, without line breaks, indentation, literal `\n`, quotes and string concatenation, is long base64. */
function hasKeyBody(_secret: string, match: RegExpExecArray): boolean {
  const body = match.groups?.body ?? '';
  const lines = body.replace(/\\n/g, '\n').split('\n');
  let base64 = 0;
  for (const raw of lines) {
    const line = raw.replace(/["'`+,\s]/g, '');
    // Armor headers (`Proc-Type: 4,ENCRYPTED`, `Comment: ...`) are not key material.
    if (line.includes(':')) continue;
    if (line.includes('...')) return false;
    if (/^[A-Za-z0-9+/=]+$/.test(line)) base64 += line.length;
  }
  return base64 >= 64;
}

const pemRule = (id: string, title: string, label: string, keyword: string) =>
  rule({
    id,
    title,
    severity: 'CRITICAL',
    keywords: [keyword],
    pattern: pemBlock(label),
    span: MAX_BODY + 200,
    verify: hasKeyBody,
    description: 'A private key in the source: anyone who can read the repository or image can impersonate its owner.',
  });

export const KEY_RULES = [
  pemRule('rsa-private-key', 'RSA private key (PKCS#1)', 'RSA PRIVATE KEY', 'begin rsa private key'),
  pemRule('ec-private-key', 'EC private key (SEC1)', 'EC PRIVATE KEY', 'begin ec private key'),
  pemRule('dsa-private-key', 'DSA private key', 'DSA PRIVATE KEY', 'begin dsa private key'),
  pemRule('pkcs8-private-key', 'Private key (PKCS#8)', 'PRIVATE KEY', 'begin private key'),
  pemRule(
    'pkcs8-encrypted-private-key',
    'Encrypted private key (PKCS#8)',
    'ENCRYPTED PRIVATE KEY',
    'begin encrypted private key',
  ),
  pemRule('openssh-private-key', 'OpenSSH private key', 'OPENSSH PRIVATE KEY', 'begin openssh private key'),
  pemRule('pgp-private-key', 'PGP private key block', 'PGP PRIVATE KEY BLOCK', 'begin pgp private key block'),
  pemRule(
    'ssh2-private-key',
    'SSH2 (RFC 4716) private key',
    'SSH2 ENCRYPTED PRIVATE KEY',
    'begin ssh2 encrypted private key',
  ),
  rule({
    id: 'putty-private-key',
    title: 'PuTTY private key',
    severity: 'CRITICAL',
    keywords: ['putty-user-key-file-'],
    pattern:
      /(?<secret>PuTTY-User-Key-File-[23]: [a-z0-9-]{7,40}\r?\nEncryption: [a-z0-9-]{4,20}\r?\nComment: [^\r\n]{0,200}\r?\nPublic-Lines: \d{1,3}\r?\n[\s\S]{0,4000}?Private-MAC: [a-f0-9]{40,64})/g,
    span: 4500,
  }),
];
