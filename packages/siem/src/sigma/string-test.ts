/**
 * Compiles Sigma string patterns into one test over a field's values. Plain shapes use string operations (equals, prefix,
 * suffix, substring); only patterns with inner wildcards become regular expressions, built once.
 */
import { ANY, ONE, type Part } from './sigma-string.js';

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

export function compileStringsTest(set: PatternSet): StringsTest {
  const { equals, prefixes, suffixes, substrings, regexes, anyValue } = set;
  const hasEq = equals.size > 0;
  return (values) => {
    for (const v of values) {
      if (anyValue) return true;
      if (hasEq && equals.has(v)) return true;
      for (const x of substrings) if (v.includes(x)) return true;
      for (const x of suffixes) if (v.endsWith(x)) return true;
      for (const x of prefixes) if (v.startsWith(x)) return true;
      for (const r of regexes) if (r.test(v)) return true;
    }
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
