/**
 * Prototype pollution: parsed user input carries `__proto__` or `constructor.prototype` keys. JSON.parse keeps
 * `__proto__` as an own key, and a later deep merge or path setter of the app writes through it into Object.prototype;
 * the input is the attack whatever the app does next. The collector notes these keys while it walks the input.
 */
import type { UserInput } from '../../context/user-input.js';

export function detectPrototypePollution(input: UserInput): { source: string; path: string } | undefined {
  return input.pollutionKeys[0];
}
