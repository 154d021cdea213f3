/**
 * The test of a `re` item: the regex over the field's values, run only on values holding one of its necessary
 * literals (see regex-literal.ts), which `includes` finds far faster than the regex engine rejects a value.
 */
import type { Test } from './compiled.js';
import type { Reader } from './field-item.js';

export function regexTest(read: Reader, re: RegExp, literals: readonly string[] | undefined): Test {
  if (literals === undefined)
    return (v) => {
      for (const s of read(v, false)) if (re.test(s)) return true;
      return false;
    };
  // A regex cannot match a value that holds none of its literals: cheap `includes` first.
  if (!re.ignoreCase)
    return (v) => {
      for (const s of read(v, false)) if (holdsAny(s, literals) && re.test(s)) return true;
      return false;
    };
  // Case-insensitive: look for the lower-cased literals in the lower-cased values (parallel to the raw ones).
  const lowLiterals = literals.map((l) => l.toLowerCase());
  return (v) => {
    const lows = read(v, true);
    let raws: readonly string[] | undefined;
    for (let i = 0; i < lows.length; i++) {
      if (!holdsAny(lows[i] as string, lowLiterals)) continue;
      raws ??= read(v, false);
      if (re.test(raws[i] as string)) return true;
    }
    return false;
  };
}

function holdsAny(s: string, literals: readonly string[]): boolean {
  for (let i = 0; i < literals.length; i++) if (s.includes(literals[i] as string)) return true;
  return false;
}
