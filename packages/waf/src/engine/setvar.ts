/** setvar: `tx.name=value`, `=+N` / `=-N` (integer arithmetic), `!tx.name` (delete); key and value expand macros. */
import { toInt } from '../operators/argument.js';
import { VariableStore } from '../variables/collection.js';
import { expandMacro } from './macro.js';
import type { SetVar } from './rule.js';
import type { Transaction } from './transaction.js';

export function runSetVar(t: Transaction, sv: SetVar): void {
  let store = t.stores.get(sv.collection);
  if (store === undefined) {
    store = new VariableStore();
    t.stores.set(sv.collection, store);
  }
  const key = sv.keyMacro === undefined ? sv.key : expandMacro(sv.keyMacro, t).toLowerCase();
  if (sv.op === '!') {
    store.delete(key);
    return;
  }
  const value = sv.valueMacro === undefined ? sv.value : expandMacro(sv.valueMacro, t);
  if (sv.op === '=') store.set(key, value);
  else {
    const cur = toInt(store.get(key) ?? '0');
    const delta = toInt(value);
    store.set(key, String(sv.op === '+' ? cur + delta : cur - delta));
  }
}
