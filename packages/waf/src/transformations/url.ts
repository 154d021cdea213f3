/** urlDecode, urlDecodeUni and urlEncode, as ModSecurity does them (invalid `%` sequences are kept as they are). */
import { hexValue, isHexAt } from './hex.js';

export function urlDecode(s: string): string {
  if (!s.includes('%') && !s.includes('+')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 /* % */ && isHexAt(s, i + 1, 2)) {
      out += String.fromCharCode(hexValue(s.charCodeAt(i + 1)) * 16 + hexValue(s.charCodeAt(i + 2)));
      i += 2;
    } else out += c === 43 ? ' ' : s[i];
  }
  return out;
}

/** Also `%uHHHH`: the low byte, except full-width ASCII (U+FF01-U+FF5E) which maps to its ASCII character. */
export function urlDecodeUni(s: string): string {
  if (!s.includes('%') && !s.includes('+')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37) {
      const u = s.charCodeAt(i + 1);
      if ((u === 117 || u === 85) && isHexAt(s, i + 2, 4)) {
        out += String.fromCharCode(unicodeToByte(Number.parseInt(s.slice(i + 2, i + 6), 16)));
        i += 5;
        continue;
      }
      if (isHexAt(s, i + 1, 2)) {
        out += String.fromCharCode(hexValue(s.charCodeAt(i + 1)) * 16 + hexValue(s.charCodeAt(i + 2)));
        i += 2;
        continue;
      }
    }
    out += c === 43 ? ' ' : s[i];
  }
  return out;
}

export function unicodeToByte(cp: number): number {
  if (cp >= 0xff01 && cp <= 0xff5e) return (cp & 0xff) + 0x20;
  return cp & 0xff;
}

const UNRESERVED = /[A-Za-z0-9\-_.*]/;

export function urlEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === ' ') out += '+';
    else if (UNRESERVED.test(ch)) out += ch;
    else out += `%${(ch.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')}`;
  }
  return out;
}
