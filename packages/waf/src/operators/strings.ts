/** The string comparison operators: @streq, @contains, @beginsWith, @endsWith, @within (argument may hold macros). */
import { argumentValue, macroArgument } from './argument.js';
import type { MatchContext, Operator, OperatorFactory } from './operator.js';

type Compare = (input: string, argument: string) => boolean;

function stringOperator(compare: Compare): OperatorFactory {
  return (text) => {
    const arg = macroArgument(text);
    return {
      match(input: string, ctx: MatchContext): boolean {
        const a = argumentValue(arg, ctx);
        const ok = compare(input, a);
        if (ok && ctx.capturing) ctx.setCapture(0, input);
        return ok;
      },
    } satisfies Operator;
  };
}

export const streq = stringOperator((input, a) => input === a);
export const contains = stringOperator((input, a) => input.includes(a));
export const beginsWith = stringOperator((input, a) => input.startsWith(a));
export const endsWith = stringOperator((input, a) => input.endsWith(a));
/** True when the input occurs in the argument (`@within GET POST` with REQUEST_METHOD). */
export const within = stringOperator((input, a) => a.includes(input));
