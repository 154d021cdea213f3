/**
 * Compiles Sigma string patterns into one test over a field's values. Plain shapes use string operations (equals, prefix,
 * suffix, substring); only patterns with inner wildcards become regular expressions, built once.
 */
import { ANY, ONE, type Part } from './sigma-string.js';
import { SubstringIndex } from './substring-index.js';

/** True when any of the strings matches any pattern. Strings are lower-cased already when `cased` is false. */
export type StringsTest = (values: readonly string[]) => boolean;

export interface PatternSet {
  equals: Set<string>;
  prefixes: string[];
  suffixes: string[];
  substrings: string[];
  regexes: RegExp[];
  /** A lone `*`: any value at all. */
  anyValue: boolean;
}

export function classify(patterns: readonly Part[][], cased: boolean): PatternSet {
  const set: PatternSet = {
    equals: new Set(),
    prefixes: [],
    suffixes: [],
    substrings: [],
    regexes: [],
    anyValue: false,
  };
  const fold = (s: string) => (cased ? s : s.toLowerCase());
  for (const p of patterns) {
    const n = p.length;
    const lit = (i: number) => typeof p[i] === 'string';
    if (n === 0) set.equals.add('');
    else if (n === 1 && lit(0)) set.equals.add(fold(p[0] as string));
    else if (n === 1 && p[0] === ANY) set.anyValue = true;
    else if (n === 2 && lit(0) && p[1] === ANY) set.prefixes.push(fold(p[0] as string));
    else if (n === 2 && p[0] === ANY && lit(1)) set.suffixes.push(fold(p[1] as string));
    else if (n === 3 && p[0] === ANY && lit(1) && p[2] === ANY) set.substrings.push(fold(p[1] as string));
    else set.regexes.push(toRegExp(p, cased));
  }
  return set;
}

// Above this many substrings, one Aho-Corasick pass beats a loop of `includes`.
const AUTOMATON_FROM = 6;

export function compileStringsTest(set: PatternSet): StringsTest {
  const { equals, regexes, anyValue } = set;
  if (anyValue) return (values) => values.length > 0;
  const checks: ((v: string) => boolean)[] = [];
  if (equals.size > 0) checks.push((v) => equals.has(v));
  if (set.substrings.length >= AUTOMATON_FROM) {
    const automaton = new SubstringIndex(set.substrings.map((x) => [x, true] as [string, boolean]));
    checks.push((v) => automaton.occursIn(v));
  } else if (set.substrings.length > 0) {
    const subs = set.substrings;
    checks.push((v) => {
      for (const x of subs) if (v.includes(x)) return true;
      return false;
    });
  }
  if (set.suffixes.length > 0) checks.push(affixTest(set.suffixes, true));
  if (set.prefixes.length > 0) checks.push(affixTest(set.prefixes, false));
  for (const r of regexes) checks.push((v) => r.test(v));
  if (checks.length === 1) {
    const only = checks[0] as (v: string) => boolean;
    return (values) => {
      for (const v of values) if (only(v)) return true;
      return false;
    };
  }
  return (values) => {
    for (const v of values) for (const c of checks) if (c(v)) return true;
    return false;
  };
}

/**
 * Prefixes or suffixes filed by their edge character (first of a prefix, last of a suffix): a value is compared only
 * with the affixes that share its edge character, by `startsWith`/`endsWith`, without cutting a substring.
 */
function affixTest(affixes: readonly string[], suffix: boolean): (v: string) => boolean {
  if (affixes.includes('')) return () => true;
  const byEdge = new Map<number, string[]>();
  for (const a of new Set(affixes)) {
    const edge = a.charCodeAt(suffix ? a.length - 1 : 0);
    let list = byEdge.get(edge);
    if (list === undefined) {
      list = [];
      byEdge.set(edge, list);
    }
    list.push(a);
  }
  if (suffix)
    return (v) => {
      const list = byEdge.get(v.charCodeAt(v.length - 1));
      if (list !== undefined) for (let i = 0; i < list.length; i++) if (v.endsWith(list[i] as string)) return true;
      return false;
    };
  return (v) => {
    const list = byEdge.get(v.charCodeAt(0));
    if (list !== undefined) for (let i = 0; i < list.length; i++) if (v.startsWith(list[i] as string)) return true;
    return false;
  };
}

function toRegExp(parts: readonly Part[], cased: boolean): RegExp {
  let src = '^';
  for (const p of parts) {
    if (p === ANY) src += '[\\s\\S]*';
    else if (p === ONE) src += '[\\s\\S]';
    else if (typeof p === 'string') src += escapeRegExp(cased ? p : p.toLowerCase());
    else throw new Error('alternatives must be expanded before matching');
  }
  return new RegExp(`${src}$`);
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
