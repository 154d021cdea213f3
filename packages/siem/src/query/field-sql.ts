/**
 * Field names → SQL expressions. A promoted field becomes its column; any other field becomes a JSON extraction whose
 * path travels as a bound parameter. Field names are checked against a strict alphabet first, so nothing a user types
 * is ever spliced into SQL text.
 */
import { RampartError } from '@rampart/core';
import { COLUMN_BY_FIELD } from '../store/columns.js';
import type { SqlFilter } from '../store/types.js';

const FIELD_NAME = /^[A-Za-z_@][A-Za-z0-9_@.-]{0,199}$/;

/** Parameters collected while compiling; `$n` placeholders are numbered in push order. */
export class Params {
  readonly values: (string | number | boolean)[] = [];
  add(v: string | number | boolean): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

export interface FieldSql {
  /** Text value of the field (NULL when absent). */
  text: string;
  /** Numeric value of the field (NULL when absent or not a number). */
  number: string;
  /** The field is the event time column (compared as epoch milliseconds). */
  isTime: boolean;
  /** The field is read out of the JSON document (not a column). */
  inDocument: boolean;
}

export function checkFieldName(field: string): void {
  if (!FIELD_NAME.test(field) || field.includes('..') || field.endsWith('.')) {
    throw new RampartError('SIEM_QUERY_INVALID', `"${field}" is not a valid field name`, { field });
  }
}

/** `a.b.c` → `$."a"."b"."c"` (DuckDB and SQLite JSON paths; PostgreSQL's store maps it to `#>>`). */
export function jsonPath(field: string): string {
  return `$.${field
    .split('.')
    .map((p) => `"${p}"`)
    .join('.')}`;
}

export function fieldSql(field: string, params: Params): FieldSql {
  const name = field === 'timestamp' ? '@timestamp' : field;
  checkFieldName(name);
  if (name === '@timestamp') return { text: 'CAST(ts AS VARCHAR)', number: 'ts', isTime: true, inDocument: false };
  const col = COLUMN_BY_FIELD.get(name);
  if (col !== undefined) {
    return col.type === 'int'
      ? { text: `CAST(${col.column} AS VARCHAR)`, number: col.column, isTime: false, inDocument: false }
      : { text: col.column, number: `TRY_CAST(${col.column} AS DOUBLE)`, isTime: false, inDocument: false };
  }
  const p = params.add(jsonPath(name));
  const text = `json_extract_string(doc, ${p})`;
  return { text, number: `TRY_CAST(${text} AS DOUBLE)`, isTime: false, inDocument: true };
}

/** A key expression for count-by/top-N, with its own parameters. */
export function keyExpression(field: string): SqlFilter {
  const params = new Params();
  const f = fieldSql(field, params);
  return { where: f.text, params: params.values };
}
