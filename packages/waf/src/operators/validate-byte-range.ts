/** @validateByteRange 1-255 / 32-126,9: matches when a byte of the input falls outside every allowed range. */
import { type Operator, OperatorError, type OperatorFactory } from './operator.js';

export const validateByteRange: OperatorFactory = (argument) => {
  const allowed = new Uint8Array(256);
  for (const part of argument.split(/[,\s]+/).filter((s) => s !== '')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (m === null) throw new OperatorError(`@validateByteRange: invalid range "${part}"`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo > 255 || hi > 255 || lo > hi)
      throw new OperatorError(`@validateByteRange: range "${part}" is outside 0-255`);
    allowed.fill(1, lo, hi + 1);
  }
  return {
    match(input: string): boolean {
      for (let i = 0; i < input.length; i++) if (allowed[input.charCodeAt(i) & 0xff] === 0) return true;
      return false;
    },
  } satisfies Operator;
};
