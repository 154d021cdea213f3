/** @detectXSS: Rampart's libinjection-style HTML detector (libinjection/xss.ts). */
import { detectXss } from '../libinjection/xss.js';
import type { Operator, OperatorFactory } from './operator.js';

export const detectXSS: OperatorFactory = () => ({ match: (input: string) => detectXss(input) }) satisfies Operator;
