/**
 * PyPI versions, PEP 440: `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]` with the spellings PEP 440 normalizes
 * (alpha, c, pre, preview, rev, r, `-N` post releases, separators, case). Versions that are not PEP 440 order as
 * setuptools' legacy versions did, before every PEP 440 version (pip still meets them in old advisories).
 */
import { compareDigits, compareStrings, type VersionScheme } from './scheme.js';

const PEP440 =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

// Sentinels for absent parts: "-1" sorts before any number, "" (as an infinite marker) after.
const NEG = -1;
const POS = 1;

export interface Pep440Version {
  legacy: false;
  epoch: string;
  release: string[];
  /** [rank, number]: rank -2 (dev-only, before any pre), 0..2 (a, b, rc), 3 (no pre). */
  pre: [number, string];
  /** null when absent (sorts first). */
  post: string | null;
  /** null when absent (sorts last). */
  dev: string | null;
  local: string[] | null;
}

export interface LegacyVersion {
  legacy: true;
  parts: string[];
}

export type PyPIVersion = Pep440Version | LegacyVersion;

const PRE_RANK: Readonly<Record<string, number>> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

export function parsePep440(version: string): PyPIVersion {
  const v = version.trim();
  const m = PEP440.exec(v);
  if (m === null) return { legacy: true, parts: legacyParts(v) };
  const release = (m[2] as string).split('.');
  while (release.length > 1 && /^0+$/.test(release[release.length - 1] as string)) release.pop();
  const preLetter = m[3]?.toLowerCase();
  const post = m[5] ?? (m[6] !== undefined ? (m[7] ?? '0') : null);
  const dev = m[8] !== undefined ? (m[9] ?? '0') : null;
  let pre: [number, string];
  if (preLetter !== undefined) pre = [PRE_RANK[preLetter] as number, m[4] ?? '0'];
  else if (post === null && dev !== null) pre = [-2, '0'];
  else pre = [3, '0'];
  return {
    legacy: false,
    epoch: m[1] ?? '0',
    release,
    pre,
    post,
    dev,
    local: m[10] === undefined ? null : m[10].toLowerCase().split(/[-_.]/),
  };
}

export function comparePep440(a: PyPIVersion, b: PyPIVersion): number {
  if (a.legacy || b.legacy) {
    if (a.legacy && b.legacy) return compareLegacy(a.parts, b.parts);
    return a.legacy ? -1 : 1;
  }
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    a.pre[0] - b.pre[0] ||
    compareDigits(a.pre[1], b.pre[1]) ||
    compareOptional(a.post, b.post, NEG) ||
    compareOptional(a.dev, b.dev, POS) ||
    compareLocal(a.local, b.local)
  );
}

function compareRelease(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (c !== 0) return c;
  }
  return 0;
}

/** Absent sorts before (`NEG`) or after (`POS`) every present number. */
function compareOptional(a: string | null, b: string | null, absent: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? absent : -absent;
  return compareDigits(a, b);
}

/** No local label sorts first; numeric segments outrank alphanumeric ones; a longer label wins a tie. */
function compareLocal(a: string[] | null, b: string[] | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    const c = xn && yn ? compareDigits(x, y) : xn ? 1 : yn ? -1 : compareStrings(x, y);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

const LEGACY_REPLACE: Readonly<Record<string, string>> = { pre: 'c', preview: 'c', '-': 'final-', rc: 'c', dev: '@' };

/** setuptools' legacy key: numbers zero-padded, words starred, trailing zeros dropped, `*final` appended. */
function legacyParts(version: string): string[] {
  const parts: string[] = [];
  const raw = version.toLowerCase().split(/(\d+|[a-z]+|\.|-)/);
  const pieces: string[] = [];
  for (const r of raw) {
    const part = LEGACY_REPLACE[r] ?? r;
    if (part === '' || part === '.') continue;
    pieces.push(/^\d/.test(part) ? part.padStart(8, '0') : `*${part}`);
  }
  pieces.push('*final');
  for (const part of pieces) {
    if (part.startsWith('*')) {
      if (part < '*final') while (parts[parts.length - 1] === '*final-') parts.pop();
      while (parts[parts.length - 1] === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

function compareLegacy(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareStrings(a[i] as string, b[i] as string);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export const pep440Scheme: VersionScheme<PyPIVersion> = {
  name: 'PEP 440',
  parse: parsePep440,
  compareParsed: comparePep440,
  doubt: (version) =>
    PEP440.test(version.trim()) ? undefined : `"${version}" is not a PEP 440 version (ordered as a legacy version)`,
};
