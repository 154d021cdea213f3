/** @detectSQLi: Rampart's libinjection-style detector (libinjection/sqli.ts); with capture, TX.0 is the fingerprint. */
import { detectSqli } from '../libinjection/sqli.js';
import type { MatchContext, Operator, OperatorFactory } from './operator.js';

export const detectSQLi: OperatorFactory = () =>
  ({
    match(input: string, ctx: MatchContext): boolean {
      const r = detectSqli(input);
      if (r === undefined) return false;
      if (ctx.capturing) ctx.setCapture(0, r.fingerprint);
      return true;
    },
  }) satisfies Operator;
