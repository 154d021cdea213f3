/** The contract of an operator (`@rx`, `@pm`, ...): compiled once per rule at load, matched many times per request. */
import type { Macro, MacroResolver } from '../engine/macro.js';

export interface MatchContext extends MacroResolver {
  /** True when the rule has `capture`: operators that capture write TX.0..TX.9 through `setCapture`. */
  readonly capturing: boolean;
  setCapture(index: number, value: string): void;
}

export interface Operator {
  /** Whether the operator matches the (already transformed) input. */
  match(input: string, ctx: MatchContext): boolean;
}

export interface OperatorEnv {
  /** The rule id, for error messages. */
  ruleId: number;
  /** Reads a data file named by @pmFromFile/@ipMatchFromFile, relative to the rule file's folder. */
  readDataFile(name: string): string;
}

export type OperatorFactory = (argument: string, env: OperatorEnv) => Operator;

export class OperatorError extends Error {}

/** An argument that may contain macros: constant when it does not. */
export interface MacroArgument {
  constant: string;
  macro: Macro | undefined;
}
