/**
 * Sigma string values: `*` and `?` are wildcards, `\` escapes `*`, `?` and `\` only (a backslash before any other character
 * is a literal backslash, so Windows paths need no escaping). These are pySigma's semantics, which SigmaHQ rules assume.
 */

/** A piece of a Sigma string: literal text, a wildcard, or a set of alternatives (windash, expand, base64offset). */
export type Part = string | typeof ANY | typeof ONE | Alternatives;
export const ANY: unique symbol = Symbol('*');
export const ONE: unique symbol = Symbol('?');
export interface Alternatives {
  /** Literal texts, or parsed Sigma strings (placeholder values may carry wildcards). */
  anyOf: readonly (string | readonly Part[])[];
}

export function parseSigmaString(s: string): Part[] {
  const parts: Part[] = [];
  let acc = '';
  let escaped = false;
  for (const c of s) {
    if (escaped) {
      acc += c === '*' || c === '?' || c === '\\' ? c : `\\${c}`;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === '*' || c === '?') {
      if (acc !== '') parts.push(acc);
      acc = '';
      parts.push(c === '*' ? ANY : ONE);
    } else {
      acc += c;
    }
  }
  if (escaped) acc += '\\';
  if (acc !== '') parts.push(acc);
  return parts;
}

/** Joins adjacent literals so that a pattern's shape (prefix, suffix, contains) is easy to read off. */
export function normalizeParts(parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else if (p === ANY && last === ANY) continue;
    else if (typeof p === 'string' && p === '') continue;
    else out.push(p);
  }
  return out;
}

/** The text of a pattern with wildcards read as literal characters (for encodings, which cannot carry wildcards). */
export function partsToPlainText(parts: readonly Part[]): string {
  let s = '';
  for (const p of parts) {
    if (typeof p === 'string') s += p;
    else if (p === ANY) s += '*';
    else if (p === ONE) s += '?';
    else {
      const first = p.anyOf[0];
      s += first === undefined ? '' : typeof first === 'string' ? first : partsToPlainText(first);
    }
  }
  return s;
}

/** Expands every Alternatives part into separate patterns (the cartesian product), bounded to keep rules small. */
export function expandAlternatives(parts: readonly Part[], limit = 4096): Part[][] {
  let out: Part[][] = [[]];
  for (const p of parts) {
    if (typeof p === 'object') {
      const next: Part[][] = [];
      for (const prefix of out)
        for (const alt of p.anyOf) next.push([...prefix, ...(typeof alt === 'string' ? [alt] : alt)]);
      if (next.length > limit) throw new Error(`value expands to more than ${limit} alternatives`);
      out = next;
    } else {
      for (const prefix of out) prefix.push(p);
    }
  }
  return out.map(normalizeParts);
}
