/**
 * PCRE (as ModSecurity compiles it: byte strings, no UTF mode, C-locale tables) → JavaScript RegExp source, exact for
 * the constructs CRS and typical rules use. Inputs are Rampart's byte strings (one char per byte, 0-255), so `\x{e2}`
 * is the byte 0xE2. What JavaScript cannot express the same way (possessive quantifiers, atomic groups, inline flags
 * in the middle of a pattern, \G, \K, recursion, conditionals) is rejected with a reason; the caller names the rule id.
 *
 * Semantics that differ between the two engines and are rewritten here:
 * - `.` excludes only `\n` in PCRE (JS also excludes `\r`): `[^\n]`.
 * - `$` matches at the end or before a final newline in PCRE: `\n?$` (consumes that newline: same verdict, and no
 *   lookaround, so V8 can fall back to its linear-time engine for this regex; see below).
 * - `\s` is ASCII whitespace in PCRE (JS adds U+00A0 and Unicode spaces): `[\t-\r ]`.
 * - case-insensitivity folds ASCII letters only in PCRE; JS would also fold Latin-1 letters (0xC0-0xFE), so caseless
 *   patterns are case-expanded by hand (`a` → `[aA]`) instead of using the `i` flag.
 */

import { setFlagsFromString } from 'node:v8';

// Backtracking regexes are a denial-of-service risk (PCRE stops at a match limit, V8 does not): let V8 switch a regex
// that backtracks excessively to its linear-time engine. That engine takes no lookarounds or back-references, which
// is why the translation avoids adding lookarounds of its own. CRS regexes are written without them (RE2-compatible).
setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

export class PcreError extends Error {}

export interface TranslatedRegex {
  source: string;
  flags: string;
  /** The PCRE flags that applied to the whole pattern (i, s, m, x). */
  caseless: boolean;
}

interface Mode {
  i: boolean;
  s: boolean;
  m: boolean;
  x: boolean;
  /** Expand ASCII case by hand instead of the JS `i` flag. */
  manualCase: boolean;
}

const WS_CLASS_BODY = '\\t-\\r ';
const NOT_WS_CLASS_BODY = '\\x00-\\x08\\x0e-\\x1f!-\\uffff';

export function translatePcre(pattern: string): TranslatedRegex {
  const mode: Mode = { i: false, s: false, m: false, x: false, manualCase: false };
  let pos = 0;
  // Leading inline flags apply to the whole pattern.
  for (;;) {
    const m = /^\(\?([imsx]+)\)/.exec(pattern.slice(pos));
    if (m === null) break;
    for (const f of m[1] as string) mode[f as 'i' | 's' | 'm' | 'x'] = true;
    pos += m[0].length;
  }
  // Case is always expanded by hand (`a` → `[aA]`): V8's linear-time fallback engine does not take the `i` flag, and
  // the `i` flag would also fold Latin-1 letters, which PCRE (C locale) does not.
  if (mode.i) mode.manualCase = true;
  const out = translateBody(pattern, pos, mode);
  const flags = mode.i && !mode.manualCase ? 'i' : '';
  return { source: out, flags, caseless: mode.i };
}

function translateBody(p: string, start: number, initial: Mode): string {
  let out = '';
  let i = start;
  let mode = initial;
  // Each open group saves the mode outside it: `(?i:...)` changes the mode for its content only.
  const saved: Mode[] = [];
  const n = p.length;
  while (i < n) {
    const c = p[i] as string;
    if (mode.x && (c === ' ' || c === '\t' || c === '\n' || c === '\r')) {
      i++;
      continue;
    }
    if (mode.x && c === '#') {
      while (i < n && p[i] !== '\n') i++;
      continue;
    }
    switch (c) {
      case '\\': {
        const [text, next] = translateEscape(p, i, mode, false);
        out += text;
        i = next;
        break;
      }
      case '[': {
        const [text, next] = translateClass(p, i, mode);
        out += text;
        i = next;
        break;
      }
      case '(': {
        saved.push(mode);
        const scoped = /^\(\?([imsx]*)(?:-([imsx]+))?:/.exec(p.slice(i, i + 12));
        if (scoped !== null && (scoped[1] !== '' || scoped[2] !== undefined)) {
          mode = { ...mode };
          for (const f of scoped[1] as string) mode[f as 'i' | 's' | 'm' | 'x'] = true;
          for (const f of scoped[2] ?? '') mode[f as 'i' | 's' | 'm' | 'x'] = false;
          // JS has no scoped case-insensitivity (before ES2025 modifiers): expand letters by hand inside.
          if (mode.i !== initial.i || (mode.i && initial.manualCase)) mode.manualCase = mode.i;
          if (!mode.i) mode.manualCase = false;
          if (!mode.i && initial.i && !initial.manualCase)
            throw new PcreError(
              `turning case-insensitivity off inside a caseless pattern at offset ${i} is not supported`,
            );
          out += '(?:';
          i += scoped[0].length;
          break;
        }
        const inline = /^\(\?([imsx]+)\)/.exec(p.slice(i, i + 8));
        if (inline !== null) {
          // Flags in the middle apply to the rest of the enclosing group.
          saved.pop();
          mode = { ...mode };
          for (const f of inline[1] as string) mode[f as 'i' | 's' | 'm' | 'x'] = true;
          if (mode.i && !(initial.i && !initial.manualCase)) mode.manualCase = true;
          i += inline[0].length;
          break;
        }
        const [text, next] = translateGroupOpen(p, i);
        out += text;
        i = next;
        break;
      }
      case ')':
        mode = saved.pop() ?? mode;
        out += ')';
        i++;
        break;
      case '.':
        out += mode.s ? '[\\s\\S]' : '[^\\n]';
        i++;
        break;
      case '$':
        out += mode.m ? '(?=\\n|(?![\\s\\S]))' : '\\n?$';
        i++;
        break;
      case '^':
        out += mode.m ? '(?<![\\s\\S])|(?<=\\n)' : '^';
        if (mode.m) out = wrapLastAlternative(out);
        i++;
        break;
      case '*':
      case '+':
      case '?':
      case '}': {
        out += c;
        i++;
        if (c === '}' || c === '*' || c === '+' || (c === '?' && !isAfterGroupOpen(out))) {
          if (p[i] === '+') throw new PcreError(`possessive quantifier at offset ${i} is not supported`);
        }
        break;
      }
      default:
        out += literal(c, mode);
        i++;
    }
  }
  return out;
}

/** `^` in multiline mode expands to an alternation, which must not leak into the surrounding sequence. */
function wrapLastAlternative(out: string): string {
  const tail = '(?<![\\s\\S])|(?<=\\n)';
  return `${out.slice(0, -tail.length)}(?:${tail})`;
}

function isAfterGroupOpen(out: string): boolean {
  return out.endsWith('(?');
}

function literal(c: string, mode: Mode): string {
  const code = c.charCodeAt(0);
  if (code > 0xff) throw new PcreError(`character U+${code.toString(16)} is outside the byte range`);
  if (mode.manualCase && isAsciiLetter(code)) return `[${c.toLowerCase()}${c.toUpperCase()}]`;
  if ('/|'.includes(c)) return c;
  if (code < 0x20 || code >= 0x7f) return `\\x${hex2(code)}`;
  return c;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function hex2(code: number): string {
  return code.toString(16).padStart(2, '0');
}

function translateGroupOpen(p: string, i: number): [string, number] {
  if (p[i + 1] !== '?') return ['(', i + 1];
  const rest = p.slice(i + 2, i + 6);
  if (rest.startsWith(':') || rest.startsWith('=') || rest.startsWith('!')) return [`(?${rest[0]}`, i + 3];
  if (rest.startsWith('<=') || rest.startsWith('<!')) return [`(?${rest.slice(0, 2)}`, i + 4];
  if (rest.startsWith('#')) {
    const end = p.indexOf(')', i);
    if (end < 0) throw new PcreError('unterminated comment group');
    return ['', end + 1];
  }
  const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(p.slice(i));
  if (named !== null) return [`(?<${named[1]}>`, i + named[0].length];
  if (rest.startsWith('>')) throw new PcreError(`atomic group at offset ${i} is not supported`);
  if (/^[imsx-]+[:)]/.test(rest))
    throw new PcreError(`inline flags inside the pattern at offset ${i} are not supported`);
  throw new PcreError(`group construct (?${rest[0] ?? ''} at offset ${i} is not supported`);
}

/** Translates an escape; `inClass` yields class-body text (no brackets). */
function translateEscape(p: string, i: number, mode: Mode, inClass: boolean): [string, number] {
  const e = p[i + 1];
  if (e === undefined) throw new PcreError('pattern ends with a backslash');
  switch (e) {
    case 's':
      return [inClass ? WS_CLASS_BODY : `[${WS_CLASS_BODY}]`, i + 2];
    case 'S':
      return [inClass ? NOT_WS_CLASS_BODY : `[^${WS_CLASS_BODY}]`, i + 2];
    case 'h':
      return [inClass ? '\\t \\xa0' : '[\\t \\xa0]', i + 2];
    case 'd':
    case 'D':
    case 'w':
    case 'W':
    case 't':
    case 'n':
    case 'r':
    case 'f':
    case 'v':
      return [`\\${e}`, i + 2];
    case 'b':
      return [inClass ? '\\x08' : '\\b', i + 2];
    case 'B':
      if (inClass) throw new PcreError('\\B inside a character class');
      return ['\\B', i + 2];
    case 'e':
      return ['\\x1b', i + 2];
    case 'a':
      return ['\\x07', i + 2];
    case 'A':
      return [mode.m ? '(?<![\\s\\S])' : '^', i + 2];
    case 'z':
      return [mode.m ? '(?![\\s\\S])' : '$', i + 2];
    case 'Z':
      return [mode.m ? '(?=\\n?(?![\\s\\S]))' : '\\n?$', i + 2];
    case 'x': {
      let code: number;
      let next: number;
      if (p[i + 2] === '{') {
        const end = p.indexOf('}', i + 3);
        if (end < 0) throw new PcreError('unterminated \\x{...}');
        code = Number.parseInt(p.slice(i + 3, end), 16);
        next = end + 1;
      } else {
        const m = /^[0-9a-fA-F]{1,2}/.exec(p.slice(i + 2));
        code = m === null ? 0 : Number.parseInt(m[0], 16);
        next = i + 2 + (m === null ? 0 : m[0].length);
      }
      if (!Number.isFinite(code) || code > 0xff) throw new PcreError(`\\x escape above 0xff at offset ${i}`);
      if (mode.manualCase && !inClass && isAsciiLetter(code)) return [literal(String.fromCharCode(code), mode), next];
      return [`\\x${hex2(code)}`, next];
    }
    case 'Q': {
      const end = p.indexOf('\\E', i + 2);
      const lit = p.slice(i + 2, end < 0 ? p.length : end);
      let text = '';
      for (const ch of lit) text += inClass ? escapeClassChar(ch) : escapeLiteral(ch, mode);
      return [text, end < 0 ? p.length : end + 2];
    }
    case 'E':
      return ['', i + 2];
    case 'G':
    case 'K':
    case 'R':
    case 'X':
    case 'C':
    case 'p':
    case 'P':
    case 'g':
    case 'k':
    case 'N':
    case 'V':
    case 'H':
      throw new PcreError(`escape \\${e} at offset ${i} is not supported`);
    default:
      if (e >= '0' && e <= '9') {
        if (inClass || e === '0') {
          const m = /^[0-7]{1,3}/.exec(p.slice(i + 1));
          const code = Number.parseInt((m as RegExpExecArray)[0], 8);
          return [`\\x${hex2(code & 0xff)}`, i + 1 + (m as RegExpExecArray)[0].length];
        }
        if (mode.manualCase) throw new PcreError('back-reference in a caseless pattern with Latin-1 letters');
        return [`\\${e}`, i + 2];
      }
      // Any other escaped character is that character, literally.
      return [inClass ? escapeClassChar(e) : escapeLiteral(e, mode), i + 2];
  }
}

function escapeLiteral(ch: string, mode: Mode): string {
  if ('\\^$.|?*+()[]{}/'.includes(ch)) return `\\${ch}`;
  return literal(ch, mode);
}

function escapeClassChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code > 0xff) throw new PcreError(`character U+${code.toString(16)} is outside the byte range`);
  if ('\\]^-['.includes(ch)) return `\\${ch}`;
  if (code < 0x20 || code >= 0x7f) return `\\x${hex2(code)}`;
  return ch;
}

const POSIX: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: WS_CLASS_BODY,
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
  ascii: '\\x00-\\x7f',
};

/** Character classes: `]` first is literal, POSIX names expand, escapes follow PCRE, manual case adds the other case. */
function translateClass(p: string, start: number, mode: Mode): [string, number] {
  let i = start + 1;
  let negate = false;
  if (p[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  const letters: number[][] = [];
  let prevCode = -1;
  for (;;) {
    if (i >= p.length) throw new PcreError(`unterminated character class at offset ${start}`);
    const c = p[i] as string;
    if (c === ']' && !first) {
      i++;
      break;
    }
    first = false;
    if (c === '[' && p[i + 1] === ':') {
      const end = p.indexOf(':]', i + 2);
      const name = end < 0 ? '' : p.slice(i + 2, end);
      const neg = name.startsWith('^');
      const expansion = POSIX[neg ? name.slice(1) : name];
      if (expansion === undefined || neg) throw new PcreError(`POSIX class [:${name}:] is not supported`);
      body += expansion;
      i = end + 2;
      prevCode = -1;
      continue;
    }
    if (c === '\\') {
      const [text, next] = translateEscape(p, i, mode, true);
      body += text;
      const single = /^\\x([0-9a-f]{2})$/.exec(text);
      prevCode =
        single !== null ? Number.parseInt(single[1] as string, 16) : text.length === 1 ? text.charCodeAt(0) : -1;
      if (text.length === 2 && text[0] === '\\' && !/[dDwWsStnrfv]/.test(text[1] as string))
        prevCode = text.charCodeAt(1);
      i = next;
      continue;
    }
    if (c === '-' && prevCode >= 0 && p[i + 1] !== ']' && p[i + 1] !== undefined) {
      // A range: the end may be a literal or an escape.
      let endCode: number;
      let endText: string;
      let next: number;
      if (p[i + 1] === '\\') {
        const [text, nx] = translateEscape(p, i + 1, mode, true);
        const single = /^\\x([0-9a-f]{2})$/.exec(text);
        endCode =
          single !== null
            ? Number.parseInt(single[1] as string, 16)
            : text.length === 1
              ? text.charCodeAt(0)
              : text.length === 2 && text[0] === '\\'
                ? text.charCodeAt(1)
                : -1;
        if (endCode < 0) throw new PcreError(`invalid range end in class at offset ${i}`);
        endText = text;
        next = nx;
      } else {
        endCode = (p[i + 1] as string).charCodeAt(0);
        endText = escapeClassChar(p[i + 1] as string);
        next = i + 2;
      }
      body += `-${endText}`;
      letters.push([prevCode, endCode]);
      prevCode = -1;
      i = next;
      continue;
    }
    body += escapeClassChar(c);
    prevCode = c.charCodeAt(0);
    letters.push([prevCode, prevCode]);
    i++;
  }
  if (mode.manualCase) body += otherCase(letters);
  return [`[${negate ? '^' : ''}${body}]`, i];
}

function otherCase(ranges: number[][]): string {
  let extra = '';
  for (const [lo, hi] of ranges as [number, number][]) {
    for (const [a, z, shift] of [
      [97, 122, -32],
      [65, 90, 32],
    ] as const) {
      const from = Math.max(lo, a);
      const to = Math.min(hi, z);
      if (from <= to) extra += `\\x${hex2(from + shift)}-\\x${hex2(to + shift)}`;
    }
  }
  return extra;
}

/** Compiles a PCRE pattern; throws PcreError with the reason when it cannot be translated or compiled. */
export function compilePcre(pattern: string): RegExp {
  const t = translatePcre(pattern);
  try {
    return new RegExp(t.source, t.flags);
  } catch (e) {
    throw new PcreError(`translated pattern does not compile: ${(e as Error).message}`);
  }
}
