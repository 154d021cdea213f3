/**
 * The CEL dialect of authorization rules (@bufbuild/cel): the standard library plus the strings extension
 * (`lowerAscii`, `split`, `indexOf`, ...), RE2 regular expressions (linear time on attacker-controlled input).
 */
import { type CelResult, celEnv, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { RE2JS } from '@bufbuild/re2';

export type CelProgram = (bindings: { request: unknown; identity: unknown }) => CelResult;

/** `matches()` would compile its pattern on every call; rule patterns are constants, so compile each once. */
const MAX_PATTERNS = 256;
const patterns = new Map<string, RE2JS>();
function compilePattern(pattern: string): RE2JS {
  let re = patterns.get(pattern);
  if (re === undefined) {
    re = RE2JS.compile(pattern);
    // A pattern built from request data must not grow the cache without bound: start over when full.
    if (patterns.size >= MAX_PATTERNS) patterns.clear();
    patterns.set(pattern, re);
  }
  return re;
}

const ENV = celEnv({ funcs: strings, re2: { compile: compilePattern } });

/** Parses and plans an expression once; throws on a syntax error. The program returns a CelError, never throws. */
export function compileCel(expr: string): CelProgram {
  return plan(ENV, parse(expr)) as unknown as CelProgram;
}
