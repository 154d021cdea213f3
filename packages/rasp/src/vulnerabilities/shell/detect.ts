/**
 * Shell injection: the user input occurs in a command line run by a shell and brings characters the shell interprets in
 * that position (operators, expansions, quotes that close, unquoted blanks that split words).
 * A quoting-aware scan of the command gives each character its state; only the input's characters are judged.
 */

const SAFE_INPUT = /^[A-Za-z0-9_.,:@%+=/-]+$/;

enum Quote {
  None = 0,
  Single = 1,
  Double = 2,
  Escaped = 3,
}

/** Characters a POSIX shell interprets outside quotes (blanks split words; `#` starts a comment; globs expand). */
const UNQUOTED_SPECIAL = new Set(';&|<>()$`"\'\n\r\t *?[]{}~#!'.split('').map((c) => c.charCodeAt(0)));
/** Inside double quotes only these keep a meaning: expansion, command substitution, escape, the closing quote. */
const DOUBLE_SPECIAL = new Set(['$', '`', '\\', '"'].map((c) => c.charCodeAt(0)));

export function detectShellInjection(command: string, input: string): string | undefined {
  if (input.length < 2) return undefined;
  let at = command.indexOf(input);
  if (at === -1) return undefined;
  if (SAFE_INPUT.test(input)) return undefined;
  const states = quoteStates(command);
  while (at !== -1) {
    const end = at + input.length;
    for (let i = at; i < end; i++) {
      const c = command.charCodeAt(i);
      const s = states[i] as Quote;
      // A backslash escapes the next character: harmless inside the input, not when it escapes what follows it.
      if (s === Quote.None && c === 92 && i === end - 1) return 'input ends with an escaping backslash';
      if (s === Quote.None && UNQUOTED_SPECIAL.has(c))
        return `input brings shell metacharacter ${JSON.stringify(command[i])}`;
      if (s === Quote.Double && DOUBLE_SPECIAL.has(c))
        return `input brings ${JSON.stringify(command[i])} inside double quotes`;
      if (s === Quote.Single && c === 39) return 'input closes a single-quoted string';
    }
    at = command.indexOf(input, at + 1);
  }
  return undefined;
}

/**
 * The quoting state in which the shell reads each character. A quote character itself gets the state it is read in
 * (an opening `'` is read unquoted, a closing one inside the quotes), so that an input bringing a quote is caught.
 */
function quoteStates(command: string): Uint8Array {
  const n = command.length;
  const states = new Uint8Array(n);
  let q: Quote = Quote.None;
  for (let i = 0; i < n; i++) {
    const c = command.charCodeAt(i);
    states[i] = q;
    if (q === Quote.None) {
      if (c === 92 && i + 1 < n) {
        states[++i] = Quote.Escaped;
      } else if (c === 39) q = Quote.Single;
      else if (c === 34) q = Quote.Double;
    } else if (q === Quote.Single) {
      if (c === 39) q = Quote.None;
    } else if (q === Quote.Double) {
      if (c === 92 && i + 1 < n) states[++i] = Quote.Escaped;
      else if (c === 34) q = Quote.None;
    }
  }
  return states;
}
