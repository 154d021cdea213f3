/** jsDecode: JavaScript escapes (`\xHH`, `\uHHHH` → low byte or full-width ASCII, octal, `\n` ...), else the character. */
import { hexValue, isHexAt } from './hex.js';
import { unicodeToByte } from './url.js';

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

export function jsDecode(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      i++;
      continue;
    }
    const e = s[i + 1] as string;
    if ((e === 'u' || e === 'U') && isHexAt(s, i + 2, 4)) {
      out += String.fromCharCode(unicodeToByte(Number.parseInt(s.slice(i + 2, i + 6), 16)));
      i += 6;
    } else if ((e === 'x' || e === 'X') && isHexAt(s, i + 2, 2)) {
      out += String.fromCharCode(hexValue(s.charCodeAt(i + 2)) * 16 + hexValue(s.charCodeAt(i + 3)));
      i += 4;
    } else if (e >= '0' && e <= '7') {
      let j = i + 1;
      let v = 0;
      while (j < s.length && j < i + 4 && s[j]! >= '0' && s[j]! <= '7' && v * 8 + (s.charCodeAt(j) - 48) <= 0xff) {
        v = v * 8 + (s.charCodeAt(j) - 48);
        j++;
      }
      out += String.fromCharCode(v);
      i = j;
    } else {
      out += SIMPLE[e] ?? e;
      i += 2;
    }
  }
  return out;
}
