/**
 * @validateUtf8Encoding: matches when the byte string is not valid UTF-8 (truncated or invalid sequences, overlong
 * forms, surrogates, code points above U+10FFFF), as ModSecurity's check does.
 */
import type { Operator, OperatorFactory } from './operator.js';

export function isValidUtf8(s: string): boolean {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i) & 0xff;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      cp = c & 0x07;
    } else return false;
    if (i + need >= n) return false;
    for (let k = 1; k <= need; k++) {
      const cc = s.charCodeAt(i + k) & 0xff;
      if ((cc & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if ((need === 2 && cp < 0x800) || (need === 3 && cp < 0x10000) || cp > 0x10ffff) return false;
    if (cp >= 0xd800 && cp <= 0xdfff) return false;
    i += need + 1;
  }
  return true;
}

export const validateUtf8Encoding: OperatorFactory = () =>
  ({ match: (input: string) => !isValidUtf8(input) }) satisfies Operator;
