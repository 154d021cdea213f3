/**
 * Alpine apk versions, ordered as apk-tools orders them (`digit{.digit}...{letter}{_suf{#}}...{~hash}{-r#}`): a token
 * stream whose types must follow that grammar; numbers with a leading zero compare as strings (Gentoo's rule); pre-release
 * suffixes (`_alpha`, `_beta`, `_pre`, `_rc`) sort before the bare version, post-release ones (`_cvs` .. `_p`) after.
 * An invalid version still orders (apk compares up to the first bad token); `isValidApk` is apk's own validity check.
 */
import { compareApkLenient } from './apk-lenient.js';
import { compareDigits, compareStrings, type VersionScheme } from './scheme.js';

enum Tok {
  InitialDigit = 0,
  Digit = 1,
  Letter = 2,
  Suffix = 3,
  SuffixNo = 4,
  CommitHash = 5,
  RevisionNo = 6,
  End = 7,
  Invalid = 8,
}

// Pre-release suffixes sort below NONE (the bare version), post-release ones above.
const SUFFIX_NONE = 5;
const SUFFIXES: Readonly<Record<string, number>> = {
  alpha: 1,
  beta: 2,
  pre: 3,
  rc: 4,
  cvs: 6,
  svn: 7,
  git: 8,
  hg: 9,
  p: 10,
};

interface Token {
  type: Tok;
  /** Digits for numeric tokens, the letter, the suffix name or the hash. */
  text: string;
  suffix: number;
}

export interface ApkVersion {
  text: string;
  tokens: readonly Token[];
  valid: boolean;
}

/** Splits a version into apk's tokens; the last token is End or Invalid. */
export function tokenizeApk(version: string): Token[] {
  const tokens: Token[] = [];
  const first = readDigits(version, 0);
  let pos = first.length;
  if (first === '') return [{ type: Tok.Invalid, text: '', suffix: 0 }];
  let prev: Tok = Tok.InitialDigit;
  tokens.push({ type: prev, text: first, suffix: 0 });
  for (;;) {
    const t = nextToken(version, pos, prev);
    pos = t.pos;
    tokens.push(t.token);
    if (t.token.type >= Tok.End) return tokens;
    prev = t.token.type;
  }
}

function nextToken(v: string, start: number, prev: Tok): { token: Token; pos: number } {
  const invalid = { token: { type: Tok.Invalid, text: v.slice(start), suffix: 0 }, pos: v.length };
  if (start >= v.length) return { token: { type: Tok.End, text: '', suffix: 0 }, pos: start };
  const c = v[start] as string;
  let pos = start;
  const take = (n: number) => {
    pos += n;
  };
  if (c >= 'a' && c <= 'z') {
    if (prev > Tok.Digit) return invalid;
    return { token: { type: Tok.Letter, text: c, suffix: 0 }, pos: pos + 1 };
  }
  if (c === '.' || isDigit(c.charCodeAt(0))) {
    if (c === '.') {
      if (prev > Tok.Digit) return invalid;
      take(1);
    }
    let type: Tok;
    if (prev === Tok.InitialDigit || prev === Tok.Digit) type = Tok.Digit;
    else if (prev === Tok.Suffix) type = Tok.SuffixNo;
    else return invalid;
    const d = readDigits(v, pos);
    if (d === '') return invalid;
    return { token: { type, text: d, suffix: 0 }, pos: pos + d.length };
  }
  if (c === '_') {
    if (prev > Tok.SuffixNo) return invalid;
    take(1);
    let end = pos;
    while (end < v.length && v[end]! >= 'a' && v[end]! <= 'z') end++;
    const name = v.slice(pos, end);
    const suffix = SUFFIXES[name];
    if (suffix === undefined) return invalid;
    return { token: { type: Tok.Suffix, text: name, suffix }, pos: end };
  }
  if (c === '~') {
    if (prev >= Tok.CommitHash) return invalid;
    take(1);
    let end = pos;
    while (end < v.length && /[0-9a-fA-F]/.test(v[end] as string)) end++;
    if (end === pos) return invalid;
    return { token: { type: Tok.CommitHash, text: v.slice(pos, end), suffix: 0 }, pos: end };
  }
  if (c === '-') {
    if (prev >= Tok.RevisionNo || v[pos + 1] !== 'r') return invalid;
    take(2);
    const d = readDigits(v, pos);
    if (d === '') return invalid;
    return { token: { type: Tok.RevisionNo, text: d, suffix: 0 }, pos: pos + d.length };
  }
  return invalid;
}

function readDigits(v: string, pos: number): string {
  let end = pos;
  while (end < v.length && isDigit(v.charCodeAt(end))) end++;
  return v.slice(pos, end);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** apk-tools' `apk_version_validate`. */
export function isValidApk(version: string): boolean {
  const tokens = tokenizeApk(version);
  return tokens[tokens.length - 1]?.type === Tok.End;
}

function tokenCompare(a: Token, b: Token): number {
  switch (a.type) {
    case Tok.Digit:
      if (a.text.startsWith('0') || b.text.startsWith('0')) return compareStrings(a.text, b.text);
      return compareDigits(a.text, b.text);
    case Tok.InitialDigit:
    case Tok.SuffixNo:
    case Tok.RevisionNo:
      return compareDigits(a.text, b.text);
    case Tok.Letter:
      return compareStrings(a.text, b.text);
    case Tok.Suffix:
      return a.suffix - b.suffix;
    default:
      // Commit hashes, and the unreadable rest of two invalid versions: byte order (apk's string sort).
      return compareStrings(a.text, b.text);
  }
}

/** apk's comparison; `fuzzy` makes a version match any version it is a prefix of (`3.6.9 ~ 3.6`). */
export function compareApk(a: readonly Token[], b: readonly Token[], fuzzy = false): number {
  let i = 0;
  for (; i < a.length && i < b.length; i++) {
    const ta = a[i] as Token;
    const tb = b[i] as Token;
    if (ta.type !== tb.type || ta.type === Tok.End) break;
    const r = tokenCompare(ta, tb);
    // Two invalid tails at the same place: their byte order decides, and nothing follows them.
    if (r !== 0 || ta.type === Tok.Invalid) return r;
  }
  const ta = a[i] as Token;
  const tb = b[i] as Token;
  if (ta.type === tb.type) return 0;
  if (tb.type === Tok.End && fuzzy) return 0;
  if (ta.type === Tok.Suffix && ta.suffix < SUFFIX_NONE) return -1;
  if (tb.type === Tok.Suffix && tb.suffix < SUFFIX_NONE) return 1;
  return ta.type > tb.type ? -1 : 1;
}

export const apkScheme: VersionScheme<ApkVersion> = {
  name: 'apk',
  // Every string orders (invalid ones as osv-scanner orders them), so parsing never fails...
  parse(version) {
    const text = version.trim();
    const tokens = tokenizeApk(text);
    return { text, tokens, valid: tokens[tokens.length - 1]?.type === Tok.End };
  },
  compareParsed: (a, b) => (a.valid && b.valid ? compareApk(a.tokens, b.tokens) : compareApkLenient(a.text, b.text)),
  // ...but a match that rests on an invalid one is reported with low confidence.
  doubt: (version) => (isValidApk(version.trim()) ? undefined : `"${version}" is not a valid apk version`),
};
