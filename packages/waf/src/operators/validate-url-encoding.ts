/** @validateUrlEncoding: matches when a `%` is not followed by two hex digits (ModSecurity's invalid-encoding check). */
import type { Operator, OperatorFactory } from './operator.js';

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

export function hasInvalidUrlEncoding(s: string): boolean {
  for (let i = s.indexOf('%'); i !== -1; i = s.indexOf('%', i + 1)) {
    if (i + 2 >= s.length) return true;
    if (!isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) return true;
    i += 2;
  }
  return false;
}

export const validateUrlEncoding: OperatorFactory = () =>
  ({ match: (input: string) => hasInvalidUrlEncoding(input) }) satisfies Operator;
