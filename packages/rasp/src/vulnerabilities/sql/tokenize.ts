/**
 * A SQL tokenizer that knows only what matters for injection: where literals, quoted identifiers and comments begin and
 * end, per dialect. Everything else is a word, a number, a parameter, or an operator/punctuation character. It never
 * throws: an unterminated literal or comment runs to the end of the text, as the server would read it.
 */
import type { SqlDialect } from './dialect.js';

export type SqlTokenKind =
  | 'string'
  | 'identifier'
  | 'word'
  | 'number'
  | 'parameter'
  | 'comment'
  | 'operator'
  | 'unterminated';

export interface SqlToken {
  kind: SqlTokenKind;
  start: number;
  /** Exclusive. */
  end: number;
  /** Length of the opening delimiter (`'` = 1, `E'` = 2, `$tag$` = 5, `--` = 2); 0 for bare tokens. */
  open: number;
  /** Length of the closing delimiter (0 when unterminated or bare). */
  close: number;
}

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWordStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127 || c === 64; /* @ for MySQL vars */
const isWordPart = (c: number): boolean => isWordStart(c) || isDigit(c) || c === 36;

export function tokenizeSql(sql: string, d: SqlDialect): SqlToken[] {
  const tokens: SqlToken[] = [];
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    const next = i + 1 < n ? sql.charCodeAt(i + 1) : 0;
    // Comments.
    if ((c === 45 && next === 45) || (c === 35 && d.hashComment)) {
      const eol = sql.indexOf('\n', i);
      i = eol === -1 ? n : eol;
      tokens.push({ kind: 'comment', start, end: i, open: c === 35 ? 1 : 2, close: 0 });
      continue;
    }
    if (c === 47 && next === 42) {
      const end = skipBlockComment(sql, i, d.nestedComments);
      const closed = end !== -1;
      i = closed ? end : n;
      tokens.push({ kind: closed ? 'comment' : 'unterminated', start, end: i, open: 2, close: closed ? 2 : 0 });
      continue;
    }
    // String literals and quoted identifiers.
    if (c === 39) {
      pushQuoted(tokens, sql, start, 1, 39, 'string', d.backslashEscapes);
      i = (tokens[tokens.length - 1] as SqlToken).end;
      continue;
    }
    if ((c === 69 || c === 101) && next === 39 && d.escapeStringPrefix) {
      pushQuoted(tokens, sql, start, 2, 39, 'string', true);
      i = (tokens[tokens.length - 1] as SqlToken).end;
      continue;
    }
    if (c === 34) {
      const kind = d.doubleQuoteString ? 'string' : 'identifier';
      pushQuoted(tokens, sql, start, 1, 34, kind, d.doubleQuoteString && d.backslashEscapes);
      i = (tokens[tokens.length - 1] as SqlToken).end;
      continue;
    }
    if (c === 96 && d.backtickIdentifier) {
      pushQuoted(tokens, sql, start, 1, 96, 'identifier', false);
      i = (tokens[tokens.length - 1] as SqlToken).end;
      continue;
    }
    if (c === 91 && d.bracketIdentifier) {
      const close = sql.indexOf(']', i + 1);
      i = close === -1 ? n : close + 1;
      tokens.push({
        kind: close === -1 ? 'unterminated' : 'identifier',
        start,
        end: i,
        open: 1,
        close: close === -1 ? 0 : 1,
      });
      continue;
    }
    if (c === 36 && d.dollarQuotes) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66));
      if (tag !== null) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? n : close + tag[0].length;
        const t = tag[0].length;
        tokens.push({
          kind: close === -1 ? 'unterminated' : 'string',
          start,
          end: i,
          open: t,
          close: close === -1 ? 0 : t,
        });
        continue;
      }
      if (isDigit(next)) {
        i += 2;
        while (i < n && isDigit(sql.charCodeAt(i))) i++;
        tokens.push({ kind: 'parameter', start, end: i, open: 0, close: 0 });
        continue;
      }
    }
    if (c === 63 || ((c === 58 || c === 36) && isWordStart(next))) {
      // `?`, `:name`, `$name` placeholders.
      i++;
      while (i < n && isWordPart(sql.charCodeAt(i))) i++;
      tokens.push({ kind: 'parameter', start, end: i, open: 0, close: 0 });
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(next))) {
      i = skipNumber(sql, i);
      tokens.push({ kind: 'number', start, end: i, open: 0, close: 0 });
      continue;
    }
    if (isWordStart(c)) {
      i++;
      while (i < n && isWordPart(sql.charCodeAt(i))) i++;
      tokens.push({ kind: 'word', start, end: i, open: 0, close: 0 });
      continue;
    }
    i++;
    tokens.push({ kind: 'operator', start, end: i, open: 0, close: 0 });
  }
  return tokens;
}

/** Returns the index after the closing `*\/`, or -1 when the comment runs to the end of the text. */
function skipBlockComment(sql: string, i: number, nested: boolean): number {
  const n = sql.length;
  let depth = 0;
  while (i < n) {
    if (sql.charCodeAt(i) === 47 && sql.charCodeAt(i + 1) === 42 && (nested || depth === 0)) {
      depth++;
      i += 2;
      continue;
    }
    if (sql.charCodeAt(i) === 42 && sql.charCodeAt(i + 1) === 47) {
      depth--;
      i += 2;
      if (depth === 0) return i;
      continue;
    }
    i++;
  }
  return -1;
}

/** Pushes a quoted token; a doubled quote character is an escaped quote in every dialect. */
function pushQuoted(
  tokens: SqlToken[],
  sql: string,
  start: number,
  open: number,
  quote: number,
  kind: SqlTokenKind,
  backslash: boolean,
): void {
  const n = sql.length;
  let i = start + open;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (backslash && c === 92) {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (i + 1 < n && sql.charCodeAt(i + 1) === quote) {
        i += 2;
        continue;
      }
      tokens.push({ kind, start, end: i + 1, open, close: 1 });
      return;
    }
    i++;
  }
  tokens.push({ kind: 'unterminated', start, end: n, open, close: 0 });
}

function skipNumber(sql: string, i: number): number {
  const n = sql.length;
  if (sql.charCodeAt(i) === 48 && (sql.charCodeAt(i + 1) | 32) === 120) {
    i += 2;
    while (i < n && /[0-9a-fA-F]/.test(sql[i] as string)) i++;
    return i;
  }
  while (i < n && (isDigit(sql.charCodeAt(i)) || sql.charCodeAt(i) === 46)) i++;
  if (i < n && (sql.charCodeAt(i) | 32) === 101) {
    const s = sql.charCodeAt(i + 1);
    const j = s === 43 || s === 45 ? i + 2 : i + 1;
    if (j < n && isDigit(sql.charCodeAt(j))) {
      i = j;
      while (i < n && isDigit(sql.charCodeAt(i))) i++;
    }
  }
  return i;
}
