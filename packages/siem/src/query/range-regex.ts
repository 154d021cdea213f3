/** Ranges (`[a TO b]`, `{a TO b}`, `*` for open ends) and regular expressions of the hunting language. */
import { RampartError } from '@rampart/core';
import type lucene from 'lucene';
import { fieldSql, type FieldSql, type Params } from './field-sql.js';
import { readTerm } from './term.js';
import { timeValue } from './compile.js';

export function compileRange(field: string, node: lucene.NodeRangedTerm, params: Params): string {
  const f = fieldSql(field, params);
  const lo = readTerm(node.term_min).text;
  const hi = readTerm(node.term_max).text;
  const loIncl = node.inclusive === 'both' || node.inclusive === 'left';
  const hiIncl = node.inclusive === 'both' || node.inclusive === 'right';
  const bound = (text: string): number | string => {
    if (f.isTime) return timeValue(field, text);
    const n = Number(text);
    return Number.isFinite(n) && text !== '' ? n : text;
  };
  const parts: string[] = [];
  const numeric = [lo, hi].every((t) => t === '*' || typeof bound(t) === 'number');
  const expr = numeric ? f.number : f.text;
  if (lo !== '*') parts.push(`${expr} ${loIncl ? '>=' : '>'} ${params.add(numeric ? bound(lo) : lo)}`);
  if (hi !== '*') parts.push(`${expr} ${hiIncl ? '<=' : '<'} ${params.add(numeric ? bound(hi) : hi)}`);
  if (parts.length === 0) return `${f.text} IS NOT NULL`;
  return `(${parts.join(' AND ')})`;
}

export function compileRegex(f: FieldSql, field: string, source: string, params: Params): string {
  if (!validRegex(source)) {
    throw new RampartError('SIEM_QUERY_INVALID', `${field}: /${source}/ is not a valid regular expression`, { field });
  }
  // Lucene regexes match the whole value; RE2's regexp_full_match says the same.
  return `regexp_full_match(${f.text}, ${params.add(source)})`;
}

/** RE2 (DuckDB) and JavaScript disagree on a few constructs; reject what either cannot compile before SQL sees it. */
function validRegex(source: string): boolean {
  if (/\(\?[=!<]/.test(source) || /\\[1-9]/.test(source)) return false; // lookaround, backreferences: not in RE2
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
