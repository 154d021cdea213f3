/** @unconditionalMatch always matches; @noMatch never does. */
import type { OperatorFactory } from './operator.js';

export const unconditionalMatch: OperatorFactory = () => ({ match: () => true });
export const noMatch: OperatorFactory = () => ({ match: () => false });
