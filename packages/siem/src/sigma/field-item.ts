/**
 * Compiles one detection item (`Field|mod|mod: value(s)`, or a keyword list without a field) into a test over events.
 * A list of values is OR'd (AND'd with `all`); `null` means the field is absent or null; numbers and booleans compare as
 * their text, since logs carry `"4688"` where rules say `4688`.
 */
import { BlockList, isIP } from 'node:net';
import { ALL_VALUES, type Compiled, type KeyHints, NO_KEYS, type Test } from './compiled.js';
import type { EventView } from './event-view.js';
import { type FieldSlot, fieldSlot } from './field-slot.js';
import { KNOWN_MODIFIERS, type RewriteContext, rewriteValue } from './modifiers.js';
import { compileSigmaRegex } from './python-regex.js';
import { necessaryLiterals } from './regex-literal.js';
import { regexTest } from './regex-test.js';
import { expandAlternatives, type Part, parseSigmaString } from './sigma-string.js';
import { classify, compileStringsTest } from './string-test.js';
import { everyTest, someTest } from './test-combinators.js';

export interface ItemContext extends RewriteContext {
  /** The event field(s) a Sigma field name reads (pipeline field mappings); several are OR'd. */
  mapField(field: string): readonly string[];
}

const COMPARISONS = new Set(['gt', 'gte', 'lt', 'lte']);

export function compileFieldItem(key: string, rawValue: unknown, ctx: ItemContext): Compiled {
  const [fieldName = '', ...modifiers] = key.split('|');
  for (const m of modifiers) if (!KNOWN_MODIFIERS.has(m)) throw new Error(`unknown modifier '${m}' in '${key}'`);
  const values = Array.isArray(rawValue) ? rawValue : [rawValue];
  if (values.length === 0) throw new Error(`'${key}' has an empty list of values`);
  const has = (m: string) => modifiers.includes(m);
  const fields = fieldName === '' ? undefined : ctx.mapField(fieldName);
  const slots = fields?.map(fieldSlot);
  const read = readerOf(slots);

  if (has('exists')) {
    if (slots === undefined) throw new Error(`'exists' needs a field in '${key}'`);
    const want = values[0] === true || String(values[0]).toLowerCase() === 'true';
    return { test: (v) => anyPresent(v, slots) === want, keys: NO_KEYS };
  }

  const tests: Test[] = [];
  // Keyword items read every value of the event; mapped fields read each field.
  let cost = fields === undefined ? 10 : fields.length;
  let keys: KeyHints = NO_KEYS;
  const plain = modifiers.every((m) => m === 'cased');
  const keyValues = new Set<string>();
  let exact = plain;
  let indexable = fields === undefined || fields.length === 1;

  if (has('fieldref')) {
    if (fields === undefined) throw new Error(`'fieldref' needs a field in '${key}'`);
    for (const ref of values) tests.push(fieldRefTest(fields, ctx.mapField(String(ref)), modifiers));
  } else if (modifiers.some((m) => COMPARISONS.has(m))) {
    const op = modifiers.find((m) => COMPARISONS.has(m)) as string;
    for (const x of values) tests.push(compareTest(read, op, x, key));
  } else if (has('cidr')) {
    for (const x of values) tests.push(cidrTest(read, String(x), key));
  } else if (has('re')) {
    // Per value, the literals one of which every match contains (lower-cased, as the index sees values).
    const literalSets: string[][] = [];
    for (const x of values) {
      const re = compileSigmaRegex(String(x), { i: has('i'), m: has('m'), s: has('s') });
      const literals = necessaryLiterals(re);
      if (literals === undefined) indexable = false;
      else literalSets.push(literals.map((l) => l.toLowerCase()));
      tests.push(regexTest(read, re, literals));
    }
    cost += 8 * values.length;
    if (indexable && literalSets.length > 0) {
      // With `all` every regex is necessary: its set whose shortest literal is longest is the most selective key.
      const shortest = (set: string[]) => Math.min(...set.map((l) => l.length));
      const chosen = has('all') ? [literalSets.reduce((a, b) => (shortest(b) > shortest(a) ? b : a))] : literalSets;
      const field = fields === undefined ? ALL_VALUES : (fields[0] as string);
      keys = new Map([[field, { values: new Set(chosen.flat()), exact: false }]]);
    }
  } else {
    const cased = has('cased');
    const all = has('all');
    const nulls = values.filter((x) => x === null);
    const strings = values.filter((x) => x !== null);
    for (const x of nulls) {
      void x;
      indexable = false;
      if (slots === undefined) throw new Error(`null needs a field in '${key}'`);
      tests.push((v) => !anyPresent(v, slots));
    }
    const groups = all ? strings.map((x) => [x]) : strings.length > 0 ? [strings] : [];
    for (const group of groups) {
      const patterns: Part[][] = [];
      for (const x of group) {
        if (typeof x === 'object') throw new Error(`'${key}' has a value that is not a string, number or boolean`);
        const parts = typeof x === 'string' ? parseSigmaString(x) : [String(x)];
        // Keywords (no field) are full-text searches: the value may occur anywhere in a value of the event.
        const keywordMods = fields === undefined && !modifiers.some((m) => m === 'startswith' || m === 'endswith');
        const rewritten = rewriteValue(parts, keywordMods ? [...modifiers, 'contains'] : modifiers, ctx);
        patterns.push(...expandAlternatives(rewritten));
      }
      const set = classify(patterns, cased);
      if (set.prefixes.length + set.suffixes.length + set.substrings.length + set.regexes.length > 0) exact = false;
      for (const p of patterns) {
        const needle = longestLiteral(p);
        if (needle === undefined) indexable = false;
        else keyValues.add(needle.toLowerCase());
      }
      cost += set.regexes.length * 8 + set.substrings.length + set.prefixes.length + set.suffixes.length + 1;
      if (patterns.length === 0) tests.push(() => false);
      else {
        const t = compileStringsTest(set);
        tests.push((v) => t(read(v, !cased)));
      }
    }
    if (indexable && nulls.length === 0 && keyValues.size > 0) {
      // With `all` every value is necessary on its own: the longest is the most selective key.
      const values = all ? new Set([[...keyValues].reduce((a, b) => (b.length > a.length ? b : a))]) : keyValues;
      const field = fields === undefined ? ALL_VALUES : (fields[0] as string);
      keys = new Map([[field, { values, exact: exact && !all && fields !== undefined }]]);
    }
  }

  let test = combine(tests, has('all') && !has('neq'));
  if (has('neq')) {
    // `neq` with a list means the value is none of them; the field must be there (as backends compile `field != v`).
    const anyEqual = combine(tests, false);
    const must = slots ?? [];
    test = (v) => anyPresent(v, must) && !anyEqual(v);
    keys = NO_KEYS;
  }
  return { test, keys, cost };
}

/** The longest literal run of a pattern: a value matching the pattern contains it. */
function longestLiteral(parts: readonly Part[]): string | undefined {
  let best: string | undefined;
  for (const p of parts) if (typeof p === 'string' && (best === undefined || p.length > best.length)) best = p;
  if (best === undefined) return parts.length === 0 ? '' : undefined;
  return best;
}

function anyPresent(v: EventView, slots: readonly FieldSlot[]): boolean {
  for (const s of slots) {
    const x = s.read(v.event);
    if (x !== undefined && x !== null) return true;
  }
  return false;
}

function combine(tests: readonly Test[], all: boolean): Test {
  if (tests.length === 1) return tests[0] as Test;
  return all ? everyTest(tests) : someTest(tests);
}

export type Reader = (view: EventView, lower: boolean) => readonly string[];

/** The values a field item reads: its field's (one slot: cached, no copy), several mapped fields', or every value. */
function readerOf(slots: readonly FieldSlot[] | undefined): Reader {
  if (slots === undefined) return (view) => view.allLowers();
  if (slots.length === 1) {
    const slot = slots[0] as FieldSlot;
    return (view, lower) => (lower ? view.lowers(slot) : view.strings(slot));
  }
  return (view, lower) => slots.flatMap((f) => (lower ? view.lowers(f) : view.strings(f)));
}

function compareTest(read: Reader, op: string, raw: unknown, key: string): Test {
  const bound = Number(raw);
  if (!Number.isFinite(bound)) throw new Error(`'${key}' compares with ${JSON.stringify(raw)}, which is not a number`);
  const cmp =
    op === 'gt'
      ? (n: number) => n > bound
      : op === 'gte'
        ? (n: number) => n >= bound
        : op === 'lt'
          ? (n: number) => n < bound
          : (n: number) => n <= bound;
  return (v) =>
    read(v, false).some((s) => {
      const n = s.trim() === '' ? Number.NaN : Number(s);
      return Number.isFinite(n) && cmp(n);
    });
}

function cidrTest(read: Reader, cidr: string, key: string): Test {
  const [net = '', bitsText] = cidr.split('/');
  const family = isIP(net);
  const bits = bitsText === undefined ? (family === 6 ? 128 : 32) : Number(bitsText);
  if (family === 0 || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
    throw new Error(`'${key}' has ${JSON.stringify(cidr)}, which is not a CIDR network`);
  }
  const list = new BlockList();
  const type = family === 6 ? 'ipv6' : 'ipv4';
  list.addSubnet(net, bits, type);
  return (v) =>
    read(v, false).some((s) => {
      const f = isIP(s);
      return f !== 0 && list.check(s, f === 6 ? 'ipv6' : 'ipv4');
    });
}

function fieldRefTest(fields: readonly string[], refs: readonly string[], modifiers: readonly string[]): Test {
  const cased = modifiers.includes('cased');
  const op = modifiers.includes('contains')
    ? (a: string, b: string) => a.includes(b)
    : modifiers.includes('startswith')
      ? (a: string, b: string) => a.startsWith(b)
      : modifiers.includes('endswith')
        ? (a: string, b: string) => a.endsWith(b)
        : (a: string, b: string) => a === b;
  return (v) => {
    for (const f of fields) {
      const left = cased ? v.strings(f) : v.lowers(f);
      for (const r of refs) {
        const right = cased ? v.strings(r) : v.lowers(r);
        for (const a of left) for (const b of right) if (op(a, b)) return true;
      }
    }
    return false;
  };
}
