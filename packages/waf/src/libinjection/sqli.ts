/**
 * @detectSQLi's detector: the input is tokenized as SQL in three contexts (as is, inside a single-quoted string,
 * inside a double-quoted string), unary signs are folded away, and the first tokens form a fingerprint. The fingerprint
 * is SQL injection when it has the shape of one: a string or value closed and followed by logic or an operator and a
 * value (tautologies), a UNION or stacked statement after a value, a statement or dangerous function call after a
 * closed string, or a comment that truncates a closed string. These shapes are Rampart's own data, written from the
 * token grammar above; libinjection's published fingerprint list is not used.
 */
import { DANGEROUS_FUNCTIONS, type SqlToken, tokenizeSql } from './sql-tokens.js';

export interface SqliResult {
  fingerprint: string;
  context: string;
}

const VALUE = '[sn1v]';
/** Shapes after a closed quote (quote contexts): the input broke out of a string literal. */
const QUOTED_SHAPES = [
  /^s\)*&[sn1vf(]/,
  /^s\)*o\(*[snvfE]/,
  /^s\)*o1o/,
  /^s\)*[;]?[EU]/,
  /^s\)*f\(/,
  /^s\)*c$/,
  /^s\)*c+[on&]/,
  /^s\)*B/,
];
/** Shapes valid with no quote: numeric injection (`1 or 1=1`), unions, stacked statements, time probes. */
const BARE_SHAPES = [
  new RegExp(`^[n1v]\\)*&${VALUE}o${VALUE}`),
  /^[n1v]\)*&\(*f\(/,
  new RegExp(`^${VALUE}\\)*U\\(*[Ek]`),
  new RegExp(`^${VALUE}\\)*;\\(*E`),
  /^\(*E[^;]{0,4}k/,
  /^\(*E[sn1v(]*o\(*E/,
  /^n\)*&n$/,
];

function fold(tokens: SqlToken[]): SqlToken[] {
  const out: SqlToken[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    // A sign in front of a value is part of it: `-1839` is a number, `or -1` is logic then a number.
    if (t.type === 'n' && prev !== undefined && prev.type === 'o' && (prev.text === '-' || prev.text === '+')) {
      const before = out[out.length - 2];
      if (before === undefined || '&o(,'.includes(before.type)) {
        out.pop();
      }
    }
    if (t.type === 'c' && prev?.type === 'c') continue;
    out.push(t);
  }
  return out;
}

function hasDangerousCall(tokens: SqlToken[]): boolean {
  return tokens.some((t, i) => t.type === 'f' && DANGEROUS_FUNCTIONS.has(t.text) && tokens[i + 1]?.type === '(');
}

/**
 * Cheap early return: every shape above needs a quote, logic (and/or/xor/&&/||), a statement separator, a comment,
 * a UNION/SELECT-like keyword or a call; text with none of them is not tokenized at all.
 */
const MAY_BE_SQL = /['"`;#(]|--|\/\*|&&|\|\||\b(?:or|and|xor|union|select|insert|update|delete|drop|exec|waitfor)\b/i;

export function detectSqli(input: string): SqliResult | undefined {
  if (input.length === 0 || !MAY_BE_SQL.test(input)) return undefined;
  for (const context of ['', "'", '"']) {
    if (context !== '' && !input.includes(context)) continue;
    const tokens = fold(tokenizeSql(input, context));
    const fp = tokens
      .slice(0, 6)
      .map((t) => t.type)
      .join('');
    const shapes = context === '' ? BARE_SHAPES : QUOTED_SHAPES;
    if (shapes.some((re) => re.test(fp))) return { fingerprint: fp, context };
    if (context === '' && /^f\(/.test(fp) && hasDangerousCall(tokens.slice(0, 2))) return { fingerprint: fp, context };
    if (context !== '' && /^s\)*o/.test(fp) && hasDangerousCall(tokens)) return { fingerprint: fp, context };
  }
  return undefined;
}
