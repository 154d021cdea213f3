/** The numeric comparisons @eq, @ge, @gt, @le, @lt: both sides read as ModSecurity does (leading integer, else 0). */
import { argumentValue, macroArgument, toInt } from './argument.js';
import type { MatchContext, Operator, OperatorFactory } from './operator.js';

function numericOperator(compare: (a: number, b: number) => boolean): OperatorFactory {
  return (text) => {
    const arg = macroArgument(text.trim());
    const constant = arg.macro === undefined ? toInt(arg.constant) : undefined;
    return {
      match(input: string, ctx: MatchContext): boolean {
        const b = constant ?? toInt(argumentValue(arg, ctx));
        return compare(toInt(input), b);
      },
    } satisfies Operator;
  };
}

export const eq = numericOperator((a, b) => a === b);
export const ge = numericOperator((a, b) => a >= b);
export const gt = numericOperator((a, b) => a > b);
export const le = numericOperator((a, b) => a <= b);
export const lt = numericOperator((a, b) => a < b);
