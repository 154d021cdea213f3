/**
 * Lucene/KQL-style hunting queries (parsed by liqe) → a parameterized SQL WHERE fragment. Values, wildcards, regexes and
 * JSON paths are always bound parameters; the SQL text is assembled only from fixed fragments and `$n` placeholders.
 *
 * Semantics: `field:value` is exact (case-sensitive, as for keyword fields), `message:` and bare words are
 * case-insensitive "contains" (full text), `*` and `?` are wildcards unless quoted, `field:>n` and `[a TO b]` are numeric,
 * `/re/` is a regular expression (RE2), `field:null` means absent. `NOT x` also matches events without the field.
 */
import { RampartError } from '@rampart/core';
import { type LiqeQuery, parse, SyntaxError as LiqeSyntaxError } from 'liqe';
import type { SqlFilter } from '../store/types.js';
import { fieldSql, Params } from './field-sql.js';

type Ast = LiqeQuery;
type Tag = Extract<Ast, { type: 'Tag' }>;

const FULL_TEXT_FIELDS = new Set(['message']);

export function compileQuery(query: string): SqlFilter {
  if (query.length > 10_000) throw new RampartError('SIEM_QUERY_INVALID', 'the query is longer than 10000 characters');
  let ast: Ast;
  try {
    ast = parse(query);
  } catch (e) {
    const m = e instanceof LiqeSyntaxError ? /column (\d+)/.exec(e.message) : null;
    throw new RampartError('SIEM_QUERY_INVALID', `cannot parse the query: ${(e as Error).message}`, {
      field: 'query',
      ...(m === null ? {} : { line: 1, column: Number(m[1]) }),
    });
  }
  const params = new Params();
  return { where: node(ast, params), params: params.values };
}

function node(ast: Ast, params: Params): string {
  switch (ast.type) {
    case 'EmptyExpression':
      return '1 = 1';
    case 'ParenthesizedExpression':
      return `(${node(ast.expression as Ast, params)})`;
    case 'LogicalExpression': {
      const op = ast.operator.operator === 'OR' ? 'OR' : 'AND';
      return `(${node(ast.left as Ast, params)} ${op} ${node(ast.right as Ast, params)})`;
    }
    case 'UnaryOperator':
      // coalesce: a missing field makes the inner test NULL, and "NOT" should then match, as in Lucene.
      return `NOT coalesce((${node(ast.operand as Ast, params)}), false)`;
    case 'Tag':
      return tag(ast, params);
  }
}

function tag(t: Tag, params: Params): string {
  const expr = t.expression;
  if (t.field.type === 'ImplicitField') {
    if (expr.type !== 'LiteralExpression' || expr.value === null || typeof expr.value === 'boolean') {
      if (expr.type === 'LiteralExpression') return `doc ILIKE ${params.add(`%${likeEscape(String(expr.value))}%`)} ESCAPE '\\'`;
      throw new RampartError('SIEM_QUERY_INVALID', 'a range or regular expression needs a field (field:[1 TO 5])');
    }
    return `doc ILIKE ${params.add(`%${likeEscape(expr.value)}%`)} ESCAPE '\\'`;
  }
  const name = t.field.name;
  const f = fieldSql(name, params);
  const op = t.operator.operator;
  switch (expr.type) {
    case 'EmptyExpression':
      return `${f.text} IS NOT NULL`;
    case 'RangeExpression': {
      const r = expr.range;
      const lo = `${f.number} ${r.minInclusive ? '>=' : '>'} ${params.add(r.min)}`;
      const hi = `${f.number} ${r.maxInclusive ? '<=' : '<'} ${params.add(r.max)}`;
      return `(${lo} AND ${hi})`;
    }
    case 'RegexExpression': {
      const m = /^\/(.*)\/([a-z]*)$/s.exec(expr.value);
      if (m === null) throw new RampartError('SIEM_QUERY_INVALID', `bad regular expression ${expr.value}`, { field: name });
      const flags = (m[2] ?? '').replace(/[^ims]/g, '');
      return `regexp_matches(${f.text}, ${params.add(m[1] as string)}${flags === '' ? '' : `, ${params.add(flags)}`})`;
    }
    case 'LiteralExpression':
      return literal(f, name, op, expr, params);
  }
}

function literal(
  f: ReturnType<typeof fieldSql>,
  name: string,
  op: string,
  expr: Extract<Tag['expression'], { type: 'LiteralExpression' }>,
  params: Params,
): string {
  const v = expr.value;
  if (op !== ':' && op !== ':=') {
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n)) {
      throw new RampartError('SIEM_QUERY_INVALID', `${name}${op} needs a number, not "${String(v)}"`, { field: name });
    }
    return `${f.number} ${op.slice(1)} ${params.add(n)}`;
  }
  if (v === null) return `${f.text} IS NULL`;
  const text = String(v);
  if (!expr.quoted && /[*?]/.test(text)) {
    return `${f.text} LIKE ${params.add(wildcardToLike(text))} ESCAPE '\\'`;
  }
  if (FULL_TEXT_FIELDS.has(name) && op === ':') {
    return `${f.text} ILIKE ${params.add(`%${likeEscape(text)}%`)} ESCAPE '\\'`;
  }
  if (typeof v === 'number' && !f.isTime) return `(${f.number} = ${params.add(v)} OR ${f.text} = ${params.add(text)})`;
  if (f.isTime) return `${f.number} = ${params.add(Number(v))}`;
  return `${f.text} = ${params.add(text)}`;
}

export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Lucene wildcards → LIKE: `*` any run, `?` one character; LIKE's own metacharacters are escaped. */
export function wildcardToLike(s: string): string {
  return likeEscape(s).replace(/\*/g, '%').replace(/\?/g, '_');
}
