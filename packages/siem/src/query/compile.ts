/**
 * Lucene/KQL-style hunting queries (parsed by the `lucene` package) → a parameterized SQL WHERE fragment. Values,
 * wildcards, regexes and JSON paths are always bound parameters; the SQL text is assembled only from fixed fragments and
 * `$n` placeholders (hunt.test.ts proves it on random input).
 *
 * Semantics: `field:value` is exact (case-sensitive, as for keyword fields); `message:` and bare words are
 * case-insensitive "contains" (full text: bare words search the event's fields; `event.original:*x*` searches the raw
 * original); `*` and `?` are wildcards unless quoted or escaped (`url.path:\/api\/*`);
 * `field:>n`, `field:[a TO b]` compare numbers (or times for `@timestamp`); `/re/` is a regular expression (RE2);
 * `field:null` means absent; `NOT x` and `-x` also match events without the field.
 */
import { RampartError } from '@rampart/core';
import lucene from 'lucene';
import type { SqlFilter } from '../store/types.js';
import { fieldSql, type FieldSql, Params } from './field-sql.js';
import { compileRange, compileRegex } from './range-regex.js';
import { readPhrase, readTerm } from './term.js';

type Ast = lucene.AST;
type Node = lucene.Node;
type TermNode = lucene.NodeTerm;

const FULL_TEXT_FIELDS = new Set(['message']);
const IMPLICIT = '<implicit>';

export function compileQuery(query: string): SqlFilter {
  if (query.length > 10_000) throw new RampartError('SIEM_QUERY_INVALID', 'the query is longer than 10000 characters');
  if (query.trim() === '') return { where: '1 = 1', params: [] };
  let ast: Ast;
  try {
    ast = lucene.parse(query);
  } catch (e) {
    const loc = (e as { location?: { start?: { line: number; column: number } } }).location?.start;
    throw new RampartError('SIEM_QUERY_INVALID', `cannot parse the query: ${(e as Error).message}`, {
      field: 'query',
      ...(loc === undefined ? {} : { line: loc.line, column: loc.column }),
    });
  }
  const params = new Params();
  return { where: astSql(ast, params), params: params.values };
}

function not(sql: string): string {
  // coalesce: a missing field makes the inner test NULL, and "NOT" should then match, as in Lucene.
  return `NOT coalesce((${sql}), false)`;
}

function incomplete(): RampartError {
  return new RampartError('SIEM_QUERY_INVALID', 'the query is incomplete: an operator has nothing on one side', {
    field: 'query',
  });
}

function astSql(ast: Ast | Node, params: Params): string {
  if (!('left' in ast)) {
    if (typeof (ast as { field?: unknown }).field !== 'string') throw incomplete();
    return nodeSql(ast, params);
  }
  const left = astSql(ast.left, params);
  let sql = (ast as { start?: string }).start === 'NOT' ? not(left) : left;
  const operator = (ast as { operator?: string }).operator;
  if (operator !== undefined && !('right' in ast && ast.right !== undefined)) throw incomplete();
  if ('right' in ast && ast.right !== undefined) {
    const right = astSql(ast.right, params);
    switch (ast.operator) {
      case 'OR':
        sql = `(${sql} OR ${right})`;
        break;
      case 'OR NOT':
        sql = `(${sql} OR ${not(right)})`;
        break;
      case 'AND NOT':
        sql = `(${sql} AND ${not(right)})`;
        break;
      default:
        sql = `(${sql} AND ${right})`;
    }
  }
  return ast.parenthesized === true ? `(${sql})` : sql;
}

function nodeSql(node: Node, params: Params): string {
  let field = node.field;
  let negate = false;
  if (field !== IMPLICIT && (field.startsWith('-') || field.startsWith('+'))) {
    negate = field.startsWith('-');
    field = field.slice(1);
  }
  if ('term' in node && node.prefix === '-') negate = true;
  const sql = 'term_min' in node ? compileRange(field, node, params) : termSql(field, node, params);
  return negate ? not(sql) : sql;
}

function termSql(field: string, node: TermNode, params: Params): string {
  if (field === IMPLICIT) {
    const text = node.quoted ? readPhrase(node.term) : readTerm(node.term).text;
    return contains('doc', text, params, true);
  }
  const f = fieldSql(field, params);
  if (node.regex) return compileRegex(f, field, node.term, params);
  if (node.quoted) return equals(f, field, readPhrase(node.term), params);
  const cmp = /^(>=|<=|>|<)(.+)$/s.exec(node.term);
  if (cmp !== null) return comparison(f, field, cmp[1] as string, readTerm(cmp[2] as string).text, params);
  const term = readTerm(node.term);
  if (term.like !== undefined) return like(f.text, term.like, params);
  if (term.text === 'null') return `${f.text} IS NULL`;
  return equals(f, field, term.text, params);
}

function equals(f: FieldSql, field: string, text: string, params: Params): string {
  if (FULL_TEXT_FIELDS.has(field)) return contains(f.text, text, params, true);
  if (f.isTime) return `${f.number} = ${params.add(timeValue(field, text))}`;
  const test = `${f.text} = ${params.add(text)}`;
  // A value that JSON writes as it is must appear in the document text: a substring test first spares parsing the
  // JSON of every row that cannot match (measured 8x on 300k documents).
  if (f.inDocument && text.length >= 2 && JSON.stringify(text) === `"${text}"`) {
    return `(${contains('doc', text, params, false)} AND ${test})`;
  }
  return test;
}

/**
 * LIKE, with an ESCAPE clause only when the pattern has an escaped character: DuckDB runs a plain LIKE many times faster
 * (measured 16x on 300k documents).
 */
function like(expr: string, pattern: string, params: Params): string {
  return pattern.includes('\\')
    ? `${expr} LIKE ${params.add(pattern)} ESCAPE '\\'`
    : `${expr} LIKE ${params.add(pattern)}`;
}

/** Substring tests as strpos (DuckDB and PostgreSQL both have it), the fastest form DuckDB runs. */
function contains(expr: string, text: string, params: Params, caseInsensitive: boolean): string {
  return caseInsensitive
    ? `strpos(lower(${expr}), ${params.add(text.toLowerCase())}) > 0`
    : `strpos(${expr}, ${params.add(text)}) > 0`;
}

function comparison(f: FieldSql, field: string, op: string, text: string, params: Params): string {
  const n = f.isTime ? timeValue(field, text) : Number(text);
  if (!Number.isFinite(n) || text === '') {
    throw new RampartError('SIEM_QUERY_INVALID', `${field}:${op} needs a number, not "${text}"`, { field });
  }
  return `${f.number} ${op} ${params.add(n)}`;
}

export function timeValue(field: string, text: string): number {
  const n = /^\d{10,16}$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(n)) throw new RampartError('SIEM_QUERY_INVALID', `${field}: "${text}" is not a time`, { field });
  return n;
}
