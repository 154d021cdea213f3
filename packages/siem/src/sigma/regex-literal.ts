/**
 * The longest literal every match of a regular expression contains (`assumed-role/aws:` in `.+:assumed-role/aws:.+`),
 * so a `re` item can be indexed like a `contains` one and skip the regex on values without it. Read conservatively
 * from the source: top-level literal runs of ASCII characters only (groups, classes, escapes like `\d` and quantified
 * characters end a run; a top-level `|` or a named back-reference gives up). ASCII keeps the literal safe under
 * lower-casing and under the `i` flag (without `u`, a non-ASCII character never matches an ASCII one).
 */
export function necessaryLiteral(re: RegExp): string | undefined {
  if (re.unicode || re.flags.includes('v')) return undefined;
  const src = re.source;
  if (src.includes('\\k')) return undefined;
  return literalOf(src);
}

/**
 * One necessary literal per top-level alternative (`a.+b|c\.d` → `a`... and `c.d`): every match contains one of
 * them. Undefined when some alternative has none.
 */
export function necessaryLiterals(re: RegExp): string[] | undefined {
  if (re.unicode || re.flags.includes('v')) return undefined;
  const src = re.source;
  if (src.includes('\\k')) return undefined;
  const out: string[] = [];
  for (const branch of topLevelBranches(src)) {
    const literal = literalOf(branch);
    if (literal === undefined) return undefined;
    out.push(literal);
  }
  return out;
}

function topLevelBranches(src: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '(') {
      const end = skipGroup(src, i);
      if (end < 0) return [src];
      i = end - 1;
    } else if (c === '[') {
      const end = skipClass(src, i);
      if (end < 0) return [src];
      i = end - 1;
    } else if (c === '|') {
      out.push(src.slice(start, i));
      start = i + 1;
    }
  }
  out.push(src.slice(start));
  return out;
}

function literalOf(src: string): string | undefined {
  let best = '';
  let cur = '';
  let skipAlnum = false;
  const endRun = () => {
    if (cur.length > best.length) best = cur;
    cur = '';
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (skipAlnum && /[A-Za-z0-9]/.test(c)) {
      i++;
      continue;
    }
    skipAlnum = false;
    if (c === '\\') {
      const next = src[i + 1];
      if (next === undefined) return undefined;
      if (/[A-Za-z0-9]/.test(next)) {
        // \d, \b, \x41, \1...: not a literal; what follows it may belong to it.
        endRun();
        skipAlnum = true;
      } else if (next.charCodeAt(0) < 128) cur += next;
      else endRun();
      i += 2;
    } else if (c === '(') {
      endRun();
      i = skipGroup(src, i);
      if (i < 0) return undefined;
    } else if (c === '[') {
      endRun();
      i = skipClass(src, i);
      if (i < 0) return undefined;
    } else if (c === '|') {
      return undefined;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      // The quantified character is not necessarily there (or not once): drop it from the run.
      cur = cur.slice(0, -1);
      endRun();
      const q = c === '{' ? /^\{\d+(,\d*)?\}/.exec(src.slice(i)) : null;
      i += q === null ? 1 : q[0].length;
    } else if (c === '.' || c === '^' || c === '$' || c.charCodeAt(0) >= 128 || c === ')' || c === ']' || c === '}') {
      endRun();
      i++;
    } else {
      cur += c;
      i++;
    }
  }
  endRun();
  return best === '' ? undefined : best;
}

/** Index just past the group opening at `start`, or -1 when unbalanced. */
function skipGroup(src: string, start: number): number {
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i = skipClass(src, i) - 1;
      if (i < 0) return -1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/** Index just past the character class opening at `start` (JavaScript: the first unescaped `]` closes it). */
function skipClass(src: string, start: number): number {
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === ']') return i + 1;
  }
  return -1;
}
