/** lowercase/uppercase (ASCII only, as C's tolower), length, digests, utf8toUnicode and escapeSeqDecode. */
import { createHash } from 'node:crypto';
import { hexValue, isHexAt } from './hex.js';

const LATIN1_UPPER = /[\xc0-\xde]/;

export function lowercase(s: string): string {
  if (!LATIN1_UPPER.test(s)) return s.toLowerCase();
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

export function uppercase(s: string): string {
  return s.replace(/[a-z]+/g, (m) => m.toUpperCase());
}

export const length = (s: string): string => String(s.length);
export const sha1 = (s: string): string => createHash('sha1').update(s, 'latin1').digest().toString('latin1');
export const md5 = (s: string): string => createHash('md5').update(s, 'latin1').digest().toString('latin1');

/** Valid UTF-8 multi-byte sequences become `%uHHHH` (lowercase hex); other bytes stay. */
export function utf8toUnicode(s: string): string {
  if (!/[\x80-\xff]/.test(s)) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    let need = 0;
    let cp = 0;
    if (c >= 0xc2 && c <= 0xdf) [need, cp] = [1, c & 0x1f];
    else if (c >= 0xe0 && c <= 0xef) [need, cp] = [2, c & 0x0f];
    else if (c >= 0xf0 && c <= 0xf4) [need, cp] = [3, c & 0x07];
    let ok = need > 0 && i + need < s.length;
    for (let k = 1; ok && k <= need; k++) {
      const cc = s.charCodeAt(i + k);
      if ((cc & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (cc & 0x3f);
    }
    if (!ok) {
      out += s[i];
      i++;
      continue;
    }
    out += `%u${cp.toString(16).padStart(4, '0')}`;
    i += need + 1;
  }
  return out;
}

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '?': '?',
  "'": "'",
  '"': '"',
};

/** ANSI C escape sequences: `\n`, `\xHH`, `\OOO`; an unknown escape keeps its character. */
export function escapeSeqDecode(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '\\' || i + 1 >= s.length) {
      out += s[i];
      i++;
      continue;
    }
    const e = s[i + 1] as string;
    if (ESCAPES[e] !== undefined) {
      out += ESCAPES[e];
      i += 2;
    } else if ((e === 'x' || e === 'X') && isHexAt(s, i + 2, 2)) {
      out += String.fromCharCode(hexValue(s.charCodeAt(i + 2)) * 16 + hexValue(s.charCodeAt(i + 3)));
      i += 4;
    } else if (e >= '0' && e <= '7') {
      let j = i + 1;
      let v = 0;
      while (j < s.length && j < i + 4 && s[j]! >= '0' && s[j]! <= '7') v = v * 8 + (s.charCodeAt(j++) - 48);
      out += String.fromCharCode(v & 0xff);
      i = j;
    } else {
      out += e;
      i += 2;
    }
  }
  return out;
}
