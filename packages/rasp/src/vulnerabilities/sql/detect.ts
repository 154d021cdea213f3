/**
 * SQL injection: the user input occurs in the query text and does not stay inside one token that only carries data. The
 * steps run cheapest first: not in the query → no; only word characters → no (cannot add structure); else tokenize (once
 * per query) and look at the tokens each occurrence overlaps.
 */
import type { SqlDialect } from './dialect.js';
import { type SqlToken, tokenizeSql } from './tokenize.js';

const WORD_ONLY = /^[A-Za-z0-9_]+$/;

/** Tokenizes a query once, however many inputs are checked against it. */
export class SqlQueryCheck {
  private tokens: SqlToken[] | undefined;

  constructor(
    readonly query: string,
    readonly dialect: SqlDialect,
  ) {}

  /** A reason when `input` changes the structure of the query, else undefined. */
  check(input: string): string | undefined {
    if (input.length < 2 || input.length > this.query.length) return undefined;
    let at = this.query.indexOf(input);
    if (at === -1 || WORD_ONLY.test(input)) return undefined;
    this.tokens ??= tokenizeSql(this.query, this.dialect);
    while (at !== -1) {
      const reason = spanReason(this.query, this.tokens, at, at + input.length);
      if (reason !== undefined) return reason;
      at = this.query.indexOf(input, at + 1);
    }
    return undefined;
  }
}

export function detectSqlInjection(query: string, input: string, dialect: SqlDialect): string | undefined {
  return new SqlQueryCheck(query, dialect).check(input);
}

/** Why the span [start, end) of the query is not confined to one data token, or undefined when it is. */
function spanReason(query: string, tokens: readonly SqlToken[], start: number, end: number): string | undefined {
  let first = lowerBound(tokens, start);
  let count = 0;
  let only: SqlToken | undefined;
  for (; first < tokens.length; first++) {
    const t = tokens[first] as SqlToken;
    if (t.start >= end) break;
    count++;
    only = t;
  }
  if (only === undefined) return undefined; // whitespace only
  if (count === 2 && isSignedNumber(query, tokens, first - 2, start)) return undefined;
  if (count > 1) return `input spans ${count} SQL tokens`;
  switch (only.kind) {
    case 'word':
    case 'number':
    case 'parameter':
      return undefined;
    case 'string':
    case 'identifier':
      // Inside the quotes, or the whole literal including its quotes: data either way.
      if (start >= only.start + only.open && end <= only.end - only.close) return undefined;
      if (start <= only.start && end >= only.end) return undefined;
      return `input escapes a ${only.kind === 'string' ? 'string literal' : 'quoted identifier'}`;
    case 'comment':
      if (start >= only.start + only.open && end <= only.end - only.close) return undefined;
      return 'input opens or closes a comment';
    case 'unterminated':
      if (start >= only.start + only.open) return undefined;
      return 'input opens an unterminated literal';
    default:
      return 'input adds an operator';
  }
}

/** `-1`, `+2.5`: a sign directly followed by a number is one number for the user, not an operator. */
function isSignedNumber(query: string, tokens: readonly SqlToken[], signAt: number, start: number): boolean {
  const sign = tokens[signAt];
  const num = tokens[signAt + 1];
  return (
    sign !== undefined &&
    num !== undefined &&
    sign.kind === 'operator' &&
    (query[sign.start] === '-' || query[sign.start] === '+') &&
    sign.start === start &&
    sign.end === num.start &&
    num.kind === 'number'
  );
}

/** Index of the first token that ends after `pos`. */
function lowerBound(tokens: readonly SqlToken[], pos: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as SqlToken).end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
