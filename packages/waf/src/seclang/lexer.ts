/**
 * Splits a SecLang file into directives: one logical line each (backslash-newline continuations joined), comments dropped,
 * arguments split on blanks with double-quoted arguments unescaped (`\"` → `"`; other backslashes are kept, they belong
 * to regexes). Every directive keeps the line it starts on, so errors can name `file:line`.
 */
import { RampartError } from '@rampart/core';

export interface Directive {
  name: string;
  args: string[];
  file: string;
  line: number;
}

export function lexSecLang(text: string, file: string): Directive[] {
  const out: Directive[] = [];
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length) {
    const startLine = i + 1;
    let logical = stripCr(lines[i] as string);
    i++;
    while (logical.endsWith('\\') && i <= lines.length) {
      logical = logical.slice(0, -1) + (i < lines.length ? stripCr(lines[i] as string) : '');
      i++;
    }
    const trimmed = logical.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const args = splitArgs(trimmed, file, startLine);
    const name = args.shift() as string;
    out.push({ name, args, file, line: startLine });
  }
  return out;
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

function splitArgs(s: string, file: string, line: number): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    if (c === 34 /* " */) {
      let v = '';
      i++;
      let closed = false;
      while (i < s.length) {
        const ch = s[i] as string;
        if (ch === '\\' && s[i + 1] === '"') {
          v += '"';
          i += 2;
        } else if (ch === '"') {
          closed = true;
          i++;
          break;
        } else {
          v += ch;
          i++;
        }
      }
      if (!closed) throw new RampartError('WAF_RULE_PARSE', 'unterminated double-quoted argument', { file, line });
      args.push(v);
    } else {
      let j = i;
      while (j < s.length && s[j] !== ' ' && s[j] !== '\t') j++;
      args.push(s.slice(i, j));
      i = j;
    }
  }
  return args;
}
