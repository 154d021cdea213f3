/**
 * NoSQL operator injection: a query filter (MongoDB) contains an object with `$` operators that came from user input as
 * an object (`{"password": {"$ne": null}}` in a JSON body, `password[$ne]=` in a query string), or a `$where` / `$function`
 * whose JavaScript text user input extends beyond a string literal. An operator the app wrote itself is never user input and passes.
 */
import type { UserInput } from '../../context/user-input.js';
import { detectCodeInjection } from '../code/detect.js';

export interface NoSqlFinding {
  path: string;
  source: string;
  payload: string;
  reason: string;
}

const MAX_DEPTH = 16;

export function detectNoSqlInjection(filter: unknown, input: UserInput): NoSqlFinding | undefined {
  if (filter === null || typeof filter !== 'object') return undefined;
  return walk(filter, input, 0);
}

function walk(node: unknown, input: UserInput, depth: number): NoSqlFinding | undefined {
  if (node === null || typeof node !== 'object' || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const f = walk(item, input, depth + 1);
      if (f !== undefined) return f;
    }
    return undefined;
  }
  let hasOperator = false;
  for (const key of Object.keys(node)) {
    const value = (node as Record<string, unknown>)[key];
    if (key.charCodeAt(0) === 36) {
      hasOperator = true;
      if ((key === '$where' || key === '$function') && typeof value === 'string') {
        // JavaScript the server runs: input inside one string literal is data; anything more is code.
        const s = input.strings.find((x) => detectCodeInjection(value, x.value) !== undefined);
        if (s !== undefined) {
          return { path: s.path, source: s.source, payload: s.value, reason: `user input in ${key} JavaScript` };
        }
      }
    }
    const f = walk(value, input, depth + 1);
    if (f !== undefined) return f;
  }
  if (hasOperator) {
    for (const o of input.operatorObjects) {
      if (o.value === node || deepEqual(o.value, node, 0)) {
        return {
          path: o.path,
          source: o.source,
          payload: JSON.stringify(node),
          reason: 'user input brings query operators',
        };
      }
    }
  }
  return undefined;
}

function deepEqual(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || depth > MAX_DEPTH) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}
