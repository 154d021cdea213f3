/**
 * A literal prefilter for @rx (Coraza's rxprefilter idea, computed differently): from the PCRE source, a set of literal
 * strings of which every match must contain at least one. An input containing none of them cannot match, so the regex
 * is not run. The analysis is conservative: whatever it does not understand yields "no requirement", never a wrong one.
 */

export interface LiteralPrefilter {
  readonly literals: readonly string[];
  readonly caseless: boolean;
  mayMatch(input: string): boolean;
}

import { AhoCorasick } from '../operators/aho-corasick.js';

type Req = string[] | undefined;

const MAX_SET = 24;

export function requiredLiterals(pattern: string): LiteralPrefilter | undefined {
  let pos = 0;
  let caseless = false;
  for (;;) {
    const m = /^\(\?([imsx]+)\)/.exec(pattern.slice(pos));
    if (m === null) break;
    if ((m[1] as string).includes('x')) return undefined;
    if ((m[1] as string).includes('i')) caseless = true;
    pos += m[0].length;
  }
  // Scoped flags: `(?i:` makes the literals inside caseless; comparing everything lowercased stays conservative.
  if (/\(\?[a-z]*i[a-z-]*:/.test(pattern)) caseless = true;
  let req: Req;
  try {
    const r = parseAlternation(pattern, pos);
    if (r.next !== pattern.length) return undefined;
    req = r.req;
  } catch {
    return undefined;
  }
  if (req === undefined || req.length === 0 || req.some((s) => s.length === 0)) return undefined;
  // Lowercase only ASCII letters: the automaton folds ASCII case, PCRE's caseless mode folds nothing else.
  const literals = caseless
    ? [...new Set(req.map((s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase())))]
    : [...new Set(req)];
  return new Prefilter(literals, caseless);
}

class Prefilter implements LiteralPrefilter {
  /** One pass over the input for all literals, folding ASCII case (as PCRE's caseless mode does). */
  private readonly automaton: AhoCorasick | undefined;

  constructor(
    readonly literals: readonly string[],
    readonly caseless: boolean,
  ) {
    this.automaton = caseless || literals.length > 1 ? new AhoCorasick(literals) : undefined;
  }

  mayMatch(input: string): boolean {
    // Folding case for a case-sensitive pattern only lets more inputs through: the prefilter stays conservative.
    if (this.automaton !== undefined) return this.automaton.search(input) !== undefined;
    return input.includes(this.literals[0] as string);
  }
}

interface Parsed {
  req: Req;
  next: number;
}

function parseAlternation(p: string, i: number): Parsed {
  const branches: Req[] = [];
  let r = parseSequence(p, i);
  branches.push(r.req);
  while (p[r.next] === '|') {
    r = parseSequence(p, r.next + 1);
    branches.push(r.req);
  }
  if (branches.length === 1) return { req: branches[0], next: r.next };
  if (branches.some((b) => b === undefined)) return { req: undefined, next: r.next };
  const union = branches.flat() as string[];
  return { req: union.length <= MAX_SET ? union : undefined, next: r.next };
}

interface Quant {
  min: number;
  max: number;
  next: number;
}

function parseQuantifier(p: string, i: number): Quant {
  const c = p[i];
  let q: Quant = { min: 1, max: 1, next: i };
  if (c === '*') q = { min: 0, max: Infinity, next: i + 1 };
  else if (c === '+') q = { min: 1, max: Infinity, next: i + 1 };
  else if (c === '?') q = { min: 0, max: 1, next: i + 1 };
  else if (c === '{') {
    const m = /^\{(\d*)(,?)(\d*)\}/.exec(p.slice(i));
    if (m !== null && m[1] !== '') {
      const min = Number(m[1]);
      const max = m[2] === '' ? min : m[3] === '' ? Infinity : Number(m[3]);
      q = { min, max, next: i + m[0].length };
    }
  }
  if (q.next !== i && (p[q.next] === '?' || p[q.next] === '+')) q.next++;
  return q;
}

function parseSequence(p: string, start: number): Parsed {
  const candidates: string[][] = [];
  let run = '';
  const endRun = () => {
    if (run !== '') candidates.push([run]);
    run = '';
  };
  let i = start;
  while (i < p.length && p[i] !== '|' && p[i] !== ')') {
    const c = p[i] as string;
    let lit: string | undefined;
    let groupReq: Req;
    let isGroup = false;
    let zeroWidth = false;
    if (c === '\\') {
      const e = p[i + 1] as string;
      if (e === 'x') {
        const m = /^\\x(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{1,2}))/.exec(p.slice(i));
        if (m === null) throw new Error('bad \\x');
        lit = String.fromCharCode(Number.parseInt((m[1] ?? m[2]) as string, 16));
        i += m[0].length;
      } else if (/[A-Za-z0-9]/.test(e)) {
        if ('bBAzZG'.includes(e)) zeroWidth = true;
        else if (e === 't') lit = '\t';
        else if (e === 'n') lit = '\n';
        else if (e === 'r') lit = '\r';
        else if (e === 'Q' || e === 'E') throw new Error('quoting');
        i += 2;
      } else {
        lit = e;
        i += 2;
      }
    } else if (c === '[') {
      i = skipClass(p, i);
    } else if (c === '(') {
      let j = i + 1;
      if (p[j] === '?') {
        const flags = /^\?[imsx]*(?:-[imsx]+)?:/.exec(p.slice(j));
        if (p[j + 1] === ':') j += 2;
        else if (flags !== null) j += flags[0].length;
        else if (p[j + 1] === '=' || p[j + 1] === '!' || (p[j + 1] === '<' && (p[j + 2] === '=' || p[j + 2] === '!'))) {
          zeroWidth = true;
          j += p[j + 1] === '<' ? 3 : 2;
        } else throw new Error('group kind');
      }
      const inner = parseAlternation(p, j);
      if (p[inner.next] !== ')') throw new Error('unbalanced');
      i = inner.next + 1;
      if (!zeroWidth) {
        isGroup = true;
        groupReq = inner.req;
      }
    } else if (c === '.' || c === '^' || c === '$') {
      if (c !== '.') zeroWidth = true;
      i++;
    } else {
      lit = c;
      i++;
    }
    const q = parseQuantifier(p, i);
    i = q.next;
    if (zeroWidth) {
      endRun();
      continue;
    }
    if (lit !== undefined && q.min >= 1) {
      run += lit;
      if (q.max !== 1) {
        endRun();
        run = lit;
      }
      continue;
    }
    endRun();
    if (isGroup && q.min >= 1 && groupReq !== undefined) candidates.push(groupReq);
  }
  endRun();
  return { req: best(candidates), next: i };
}

function skipClass(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === '^') j++;
  if (p[j] === ']') j++;
  while (j < p.length && p[j] !== ']') {
    if (p[j] === '\\') j += 2;
    else if (p[j] === '[' && p[j + 1] === ':') {
      const end = p.indexOf(':]', j);
      j = end < 0 ? p.length : end + 2;
    } else j++;
  }
  if (j >= p.length) throw new Error('unterminated class');
  return j + 1;
}

/** The candidate with the longest shortest member; ties go to the smaller set. */
function best(candidates: string[][]): Req {
  let chosen: Req;
  let score = -1;
  for (const c of candidates) {
    if (c.length === 0) continue;
    const min = Math.min(...c.map((s) => s.length));
    const s = min * 100 - c.length;
    if (min > 0 && s > score) {
      score = s;
      chosen = c;
    }
  }
  return chosen;
}
