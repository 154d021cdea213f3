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
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m === null ? 0 : Number.parseInt(m[1] as string, 10);
}
