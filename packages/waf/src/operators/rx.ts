/**
 * @rx: a PCRE translated to a JS RegExp at load (see pcre/translate.ts). A prefilter of required literals (computed
 * from the pattern) rejects most inputs before the regex runs. With `capture`, TX.0 is the match and TX.1-9 the groups.
 */
import { PcreError, compilePcre } from '../pcre/translate.js';
import { requiredLiterals, type LiteralPrefilter } from '../pcre/prefilter.js';
import { type Operator, OperatorError, type OperatorFactory } from './operator.js';

export const rx: OperatorFactory = (argument, env) => {
  if (argument.includes('%{')) throw new OperatorError('@rx with macros is not supported');
  let re: RegExp;
  try {
    re = compilePcre(argument);
  } catch (e) {
    if (e instanceof PcreError) throw new OperatorError(`@rx pattern cannot be translated: ${e.message}`);
    throw e;
  }
  const prefilter = requiredLiterals(argument);
  return new RxOperator(re, prefilter, env.ruleId);
};

export class RxOperator implements Operator {
  constructor(
    readonly regex: RegExp,
    readonly prefilter: LiteralPrefilter | undefined,
    readonly ruleId: number,
  ) {}

  match(input: string, ctx: Parameters<Operator['match']>[1]): boolean {
    if (this.prefilter !== undefined && !this.prefilter.mayMatch(input)) return false;
    if (!ctx.capturing) return this.regex.test(input);
    const m = this.regex.exec(input);
    if (m === null) return false;
    for (let i = 0; i < 10 && i < m.length; i++) ctx.setCapture(i, m[i] ?? '');
    return true;
  }
}
