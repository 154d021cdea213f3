/**
 * AND / OR of compiled tests as plain loops (no closure per call, as `every`/`some` with an arrow would make), with the
 * common two- and three-part shapes unrolled.
 */
import type { Test } from './compiled.js';

export function everyTest(tests: readonly Test[]): Test {
  const [a, b, c] = tests as [Test, Test, Test];
  if (tests.length === 1) return a;
  if (tests.length === 2) return (v) => a(v) && b(v);
  if (tests.length === 3) return (v) => a(v) && b(v) && c(v);
  const all = [...tests];
  const n = all.length;
  return (v) => {
    for (let i = 0; i < n; i++) if (!(all[i] as Test)(v)) return false;
    return true;
  };
}

export function someTest(tests: readonly Test[]): Test {
  const [a, b, c] = tests as [Test, Test, Test];
  if (tests.length === 1) return a;
  if (tests.length === 2) return (v) => a(v) || b(v);
  if (tests.length === 3) return (v) => a(v) || b(v) || c(v);
  const all = [...tests];
  const n = all.length;
  return (v) => {
    for (let i = 0; i < n; i++) if ((all[i] as Test)(v)) return true;
    return false;
  };
}
