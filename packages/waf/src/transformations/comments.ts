/** replaceComments, removeComments and removeCommentsChar (C, HTML and SQL comment syntax). */

/** Each C comment `/* ... *\/` (also unterminated, to the end) becomes one space. */
export function replaceComments(s: string): string {
  if (!s.includes('/*')) return s;
  return s.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, ' ');
}

/** C and HTML comments are removed; `--` and `#` remove the rest of the input. */
export function removeComments(s: string): string {
  let out = s.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '').replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  const dash = out.indexOf('--');
  if (dash >= 0) out = out.slice(0, dash);
  const hash = out.indexOf('#');
  if (hash >= 0) out = out.slice(0, hash);
  return out;
}

/** Only the comment markers go: `/*`, `*\/`, `<!--`, `-->`, `--`, `#`. */
export function removeCommentsChar(s: string): string {
  return s.replace(/\/\*|\*\/|<!--|-->|--|#/g, '');
}
