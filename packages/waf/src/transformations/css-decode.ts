/** cssDecode: CSS 2 escapes `\H` to `\HHHHHH` (low byte, full-width ASCII mapped; one trailing blank eaten), `\c` → c. */
import { unicodeToByte } from './url.js';
import { hexValue } from './hex.js';

export function cssDecode(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    if (i + 1 >= s.length) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < s.length && j < i + 7 && hexValue(s.charCodeAt(j)) >= 0) j++;
    if (j > i + 1) {
      const v = Number.parseInt(s.slice(i + 1, j), 16);
      out += String.fromCharCode(j - i - 1 >= 5 ? unicodeToByte(v) : j - i - 1 === 4 ? unicodeToByte(v) : v & 0xff);
      if (s[j] === ' ' || s[j] === '\t' || s[j] === '\n' || s[j] === '\r' || s[j] === '\f') j++;
      i = j;
      continue;
    }
    const e = s[i + 1] as string;
    if (e !== '\n') out += e;
    i += 2;
  }
  return out;
}
