import { compileMacro, expandMacro, type MacroResolver } from '../engine/macro.js';
import type { MacroArgument } from './operator.js';

export function macroArgument(text: string): MacroArgument {
  return { constant: text, macro: compileMacro(text) };
}

export function argumentValue(a: MacroArgument, r: MacroResolver): string {
  return a.macro === undefined ? a.constant : expandMacro(a.macro, r);
}

/** ModSecurity's numeric reading (atoi): an optional sign and leading digits, else 0. */
export function toInt(s: string): number {
  let i = 0;
  const n = s.length;
  while (i < n && (s.charCodeAt(i) === 32 || (s.charCodeAt(i) >= 9 && s.charCodeAt(i) <= 13))) i++;
  let sign = 1;
  if (s[i] === '-' || s[i] === '+') {
    if (s[i] === '-') sign = -1;
    i++;
  }
  let v = 0;
  let digits = 0;
  for (; i < n; i++, digits++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
  }
  return digits === 0 ? 0 : sign * v;
}
