/**
 * Sigma's `re` values are written for PCRE/Python. JavaScript reads nearly all of them as they are; this converts the
 * few forms it does not (named groups `(?P<n>`, back-references `(?P=n)`, leading inline flags `(?i)`, `\A`, `\Z`).
 * Anything else JavaScript rejects is reported as the rule's load error.
 */
export function compileSigmaRegex(source: string, flags: { i?: boolean; m?: boolean; s?: boolean }): RegExp {
  let src = source;
  let f = '';
  if (flags.i === true) f += 'i';
  if (flags.m === true) f += 'm';
  if (flags.s === true) f += 's';
  const inline = /^\(\?([imsx]+)\)/.exec(src);
  if (inline !== null) {
    for (const c of inline[1] as string) if (c !== 'x' && !f.includes(c)) f += c;
    src = src.slice(inline[0].length);
  }
  src = src
    .replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>')
    .replace(/^\\A/, '^')
    .replace(/\\Z$/, '$');
  try {
    return new RegExp(src, f);
  } catch (e) {
    throw new Error(`regular expression ${JSON.stringify(source)} is not valid: ${(e as Error).message}`);
  }
}
