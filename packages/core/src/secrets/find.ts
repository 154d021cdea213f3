/**
 * The secret engine: one keyword pass over the text (the prefilter), then only the rules whose keywords occurred, each
 * run only on windows around its keyword hits. Matches are checked (entropy, stand-ins, checksums), overlaps resolved
 * (provider rules win over generic ones; a value a provider rule rejected, e.g. a bad checksum, is not re-reported by a
 * generic rule), and base64-encoded values are decoded and scanned once.
 */
import { type CompiledRule, compileRules } from './compile.js';
import { BASE64_TOKEN } from './encoded-pass.js';
import { shannonEntropy } from './entropy.js';
import { LineMap } from './lines.js';
import { isStandIn } from './placeholder.js';
import { decodeBase64Text } from './rules/encoded.js';
import { SECRET_RULES } from './rules/index.js';
import type { FindSecretsOptions, SecretMatch, SecretRule } from './types.js';

/** How far before a keyword a match may start (token bodies before a marker, `"type"` before `service_account`). */
const BEFORE = 256;
/** How far after a keyword a single-line match may end. */
const AFTER = 384;

interface Candidate {
  rule: SecretRule;
  start: number;
  end: number;
  secret: string;
  encoding?: 'base64';
}

export function findSecrets(text: string, options: FindSecretsOptions = {}): SecretMatch[] {
  const rules = options.rules ?? SECRET_RULES;
  return findWithHits(text, rules, compileRules(rules).index.scan(text).byRule);
}

/**
 * `findSecrets` over a file's bytes (UTF-8): the keyword pass runs on the bytes, so a file without any keyword is never
 * decoded; an ASCII file is decoded once and its hits reused. Offsets and columns are those of the decoded string.
 */
export function findSecretsInBytes(bytes: Uint8Array, options: FindSecretsOptions = {}): SecretMatch[] {
  const rules = options.rules ?? SECRET_RULES;
  const { byRule, ascii } = compileRules(rules).index.scanBytes(bytes);
  if (byRule.size === 0) return [];
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(ascii ? 'latin1' : 'utf8');
  return ascii ? findWithHits(text, rules, byRule) : findSecrets(text, options);
}

function findWithHits(text: string, rules: readonly SecretRule[], byRule: Map<number, number[]>): SecretMatch[] {
  const found: Candidate[] = [];
  const vetoed: [number, number][] = [];
  const encoded = runRules(text, rules, byRule, found, vetoed);
  scanEncoded(text, rules, found, encoded);
  return toMatches(text, resolve(found, vetoed));
}

/** Runs the candidate rules; returns the hits of the encoded-secret markers (prefix forms, Secret manifests). */
function runRules(
  text: string,
  rules: readonly SecretRule[],
  byRule: Map<number, number[]>,
  found: Candidate[],
  vetoed: [number, number][],
): EncodedHits {
  const compiled = compileRules(rules);
  const n = compiled.rules.length;
  for (const [ruleIndex, ends] of byRule) {
    if (ruleIndex >= n) continue;
    const cr = compiled.rules[ruleIndex] as CompiledRule;
    for (const [from, to] of windows(text, ends, cr.span)) runRule(cr, text, from, to, found, vetoed);
  }
  return { prefixes: byRule.get(n), manifest: byRule.has(n + 1) };
}

interface EncodedHits {
  prefixes: number[] | undefined;
  manifest: boolean;
}

/** Merged `[from, to)` ranges around keyword hits: the hit's line (bounded), or `span` characters for multi-line rules. */
function windows(text: string, ends: readonly number[], span: number | undefined): [number, number][] {
  const out: [number, number][] = [];
  for (const e of ends) {
    let from = e;
    const minFrom = Math.max(0, e - BEFORE);
    while (from > minFrom && text.charCodeAt(from - 1) !== 10) from--;
    let to: number;
    if (span !== undefined) {
      to = Math.min(text.length, e + span);
    } else {
      to = e;
      const maxTo = Math.min(text.length, e + AFTER);
      while (to < maxTo && text.charCodeAt(to) !== 10) to++;
    }
    const last = out[out.length - 1];
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

function runRule(
  cr: CompiledRule,
  text: string,
  from: number,
  to: number,
  found: Candidate[],
  vetoed: [number, number][],
): void {
  const slice = text.slice(from, to);
  const re = cr.pattern;
  re.lastIndex = 0;
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
    if (m[0].length === 0) re.lastIndex++;
    const span = secretSpan(m);
    const secret = slice.slice(span[0], span[1]);
    const start = from + span[0];
    const end = from + span[1];
    if (accept(cr.rule, secret, m)) found.push({ rule: cr.rule, start, end, secret });
    else vetoed.push([start, end]);
  }
}

/** The first defined group named `secret*`, else the whole match. */
function secretSpan(m: RegExpExecArray): [number, number] {
  const groups = m.indices?.groups;
  if (groups !== undefined) {
    for (const name of Object.keys(groups)) {
      const span = groups[name];
      if (name.startsWith('secret') && span !== undefined) return span;
    }
  }
  return [m.index, m.index + m[0].length];
}

function accept(rule: SecretRule, secret: string, m: RegExpExecArray): boolean {
  if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return false;
  // Long multi-line values (key blocks) are judged by their own verify; stand-in words occur by chance in long base64.
  if (secret.length <= 256 && isStandIn(secret)) return false;
  return rule.verify === undefined || rule.verify(secret, m);
}

function scanEncoded(text: string, rules: readonly SecretRule[], found: Candidate[], hits: EncodedHits): void {
  if (hits.prefixes === undefined && !hits.manifest) return;
  const ranges: [number, number][] = hits.manifest ? [[0, text.length]] : windows(text, hits.prefixes ?? [], undefined);
  for (const [from, to] of ranges) {
    const slice = text.slice(from, to);
    BASE64_TOKEN.lastIndex = 0;
    for (let m = BASE64_TOKEN.exec(slice); m !== null; m = BASE64_TOKEN.exec(slice)) {
      const decoded = decodeBase64Text(m[0]);
      if (decoded === undefined) continue;
      // The decoded value keeps the name it was stored under (`DD_APP_KEY: <base64>`), so name-bound rules apply.
      let lineStart = m.index;
      while (lineStart > 0 && slice.charCodeAt(lineStart - 1) !== 10 && m.index - lineStart < 200) lineStart--;
      const inner: Candidate[] = [];
      const innerText = slice.slice(lineStart, m.index) + decoded;
      runRules(innerText, rules, compileRules(rules).index.scan(innerText).byRule, inner, []);
      const prefixLength = m.index - lineStart;
      const best = resolve(
        inner.filter((c) => c.end > prefixLength),
        [],
      )[0];
      if (best === undefined) continue;
      const start = from + m.index;
      found.push({ rule: best.rule, start, end: start + m[0].length, secret: m[0], encoding: 'base64' });
    }
  }
}

/** Keeps one candidate per overlapping group: provider before generic, then the longer; drops generic ones on vetoes. */
function resolve(found: Candidate[], vetoed: readonly [number, number][]): Candidate[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  for (const c of sorted) {
    if (c.rule.generic === true && vetoed.some(([s, e]) => c.start < e && s < c.end)) continue;
    const last = out[out.length - 1];
    if (last !== undefined && c.start < last.end) {
      if (better(c, last)) out[out.length - 1] = c;
      continue;
    }
    out.push(c);
  }
  return out;
}

function better(a: Candidate, b: Candidate): boolean {
  const ag = a.rule.generic === true;
  const bg = b.rule.generic === true;
  if (ag !== bg) return bg;
  return a.end - a.start > b.end - b.start;
}

function toMatches(text: string, candidates: Candidate[]): SecretMatch[] {
  const lines = new LineMap(text);
  return candidates.map((c) => {
    const { line, column } = lines.position(c.start);
    const endLine = lines.position(Math.max(c.start, c.end - 1)).line;
    const m: SecretMatch = {
      ruleId: c.rule.id,
      title: c.rule.title,
      severity: c.rule.severity,
      start: c.start,
      end: c.end,
      line,
      column,
      secret: c.secret,
    };
    if (endLine !== line) m.endLine = endLine;
    if (c.encoding !== undefined) m.encoding = c.encoding;
    return m;
  });
}
