/**
 * The order osv-scanner gives Alpine versions that apk itself would reject (`1-ruff2`, `1-r-0`, `.1`): parse what reads
 * as numbers, a letter, `_suffix`es, a `~hash` and `-rN`, and let whatever is left only mark the version as older.
 * apk's own token order (apk.ts) stays in charge whenever both versions are valid.
 */
import { compareDigits, compareStrings } from './scheme.js';

interface LenientApk {
  original: string;
  numbers: string[];
  letter: string;
  suffixes: Array<[number, string]>;
  revision: string;
  rest: string;
  /** Something other than `-rN` follows the parsed parts. */
  invalid: boolean;
}

const SUFFIX_WEIGHT: Readonly<Record<string, number>> = {
  alpha: 0,
  beta: 1,
  pre: 2,
  rc: 3,
  cvs: 5,
  svn: 6,
  git: 7,
  hg: 8,
  p: 9,
};
const NO_SUFFIX = 4;

function parse(original: string): LenientApk {
  let s = original;
  const nums = /^(?:\d+\.?)*/.exec(s)?.[0] ?? '';
  const numbers = nums === '' ? [] : nums.split('.');
  s = s.slice(nums.length);
  const letter = /^[a-z]/.test(s) ? (s[0] as string) : '';
  s = s.slice(letter.length);
  const suffixes: Array<[number, string]> = [];
  for (
    let m = /^_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/.exec(s);
    m !== null;
    m = /^_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/.exec(s)
  ) {
    suffixes.push([SUFFIX_WEIGHT[m[1] as string] as number, m[2] || '0']);
    s = s.slice(m[0].length);
  }
  s = s.slice(/^~[0-9a-f]+/.exec(s)?.[0].length ?? 0);
  let revision = '0';
  let invalid = false;
  if (s !== '') {
    const r = /^-r(\d*)/.exec(s);
    if (r === null) invalid = true;
    else {
      revision = r[1] || '0';
      s = s.slice(r[0].length);
    }
  }
  return { original, numbers, letter, suffixes, revision, rest: s, invalid };
}

function compareNumber(a: string, b: string, index: number): number {
  // Past the first number, a leading zero makes it a string comparison (Gentoo's rule, as apk).
  if (index !== 0 && (a.startsWith('0') || b.startsWith('0'))) return compareStrings(a, b);
  return compareDigits(a, b);
}

export function compareApkLenient(x: string, y: string): number {
  const a = parse(x);
  const b = parse(y);
  if (a.invalid && b.invalid) return compareStrings(a.original, b.original);
  const n = Math.max(a.numbers.length, b.numbers.length);
  for (let i = 0; i < n; i++) {
    const c = compareNumber(a.numbers[i] ?? '0', b.numbers[i] ?? '0', i);
    if (c !== 0) return c;
  }
  if (a.letter !== b.letter) return a.letter === '' ? -1 : b.letter === '' ? 1 : compareStrings(a.letter, b.letter);
  const m = Math.max(a.suffixes.length, b.suffixes.length);
  for (let i = 0; i < m; i++) {
    const [wa, na] = a.suffixes[i] ?? [NO_SUFFIX, '0'];
    const [wb, nb] = b.suffixes[i] ?? [NO_SUFFIX, '0'];
    const c = wa - wb || compareDigits(na, nb);
    if (c !== 0) return c;
  }
  const r = compareDigits(a.revision, b.revision);
  if (r !== 0) return r;
  if ((a.rest === '') !== (b.rest === '')) return a.rest === '' ? 1 : -1;
  return 0;
}
