/**
 * A rule target as written: `ARGS`, `ARGS:id`, `!ARGS:/^utm_/`, `&TX:score`, `XML:/*`. Parsed once at load; the
 * transaction resolves it (variables/resolve.ts).
 */
import { PcreError, compilePcre } from '../pcre/translate.js';
import { slotOf } from './names.js';

export interface VariableSpec {
  /** Upper-case collection or variable name. */
  name: string;
  /** Lower-case key (`ARGS:id` → `id`), or undefined for the whole collection. */
  key: string | undefined;
  keyRegex: RegExp | undefined;
  /** `&`: the number of entries instead of their values. */
  count: boolean;
  /** `!`: an exclusion from the targets. */
  exclude: boolean;
  /** How the target is written, for messages. */
  text: string;
  /** Where the transaction finds it (names.ts): a collection slot, TX, or other. */
  slot: number;
  /** `NAME:key` as MATCHED_VAR_NAME reports it (made once). */
  fullName: string;
}

export class VariableSyntaxError extends Error {}

/** Splits `A|!B:/x|y/|C` on `|` outside `/regex/` keys and quotes. */
export function splitTargets(text: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let inRegex = false;
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && inRegex) {
      cur += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === "'" && !inRegex) inQuote = !inQuote;
    else if (c === '/' && !inQuote && inRegex) inRegex = !closesRegex(text, i);
    else if (c === '/' && !inQuote && cur.endsWith(':') && !cur.toUpperCase().endsWith('XML:')) inRegex = true;
    if (c === '|' && !inRegex && !inQuote) {
      if (cur.trim() !== '') parts.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim() !== '') parts.push(cur.trim());
  return parts;
}

/** A `/` ends a /regex/ key only when the target ends after it (end of text or `|`). */
function closesRegex(text: string, i: number): boolean {
  const next = text[i + 1];
  return next === undefined || next === '|' || next === ' ' || next === ',';
}

export function parseVariable(text: string): VariableSpec {
  let t = text;
  let exclude = false;
  let count = false;
  if (t.startsWith('!')) {
    exclude = true;
    t = t.slice(1);
  }
  if (t.startsWith('&')) {
    count = true;
    t = t.slice(1);
  }
  const colon = t.indexOf(':');
  const name = (colon < 0 ? t : t.slice(0, colon)).toUpperCase();
  if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) throw new VariableSyntaxError(`invalid variable name "${text}"`);
  let key: string | undefined;
  let keyRegex: RegExp | undefined;
  if (colon >= 0) {
    let k = t.slice(colon + 1);
    if (k.startsWith("'") && k.endsWith("'") && k.length >= 2) k = k.slice(1, -1);
    if (k.length >= 2 && k.startsWith('/') && k.endsWith('/') && name !== 'XML') {
      try {
        const re = compilePcre(k.slice(1, -1));
        // Keys match case-insensitively, like the collections' exact keys.
        keyRegex = new RegExp(re.source, re.flags.includes('i') ? re.flags : `${re.flags}i`);
      } catch (e) {
        if (e instanceof PcreError) throw new VariableSyntaxError(`key regex of "${text}": ${e.message}`);
        throw e;
      }
    } else key = k.toLowerCase();
  }
  return {
    name,
    key,
    keyRegex,
    count,
    exclude,
    text,
    slot: slotOf(name),
    fullName: key === undefined ? name : `${name}:${key}`,
  };
}
