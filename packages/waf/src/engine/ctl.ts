/** ctl: per-transaction changes (rule removal by id/tag, target removal, engine mode, body processor). */
import { idInRange } from '../seclang/load.js';
import { parseVariable, splitTargets } from '../variables/spec.js';
import type { Ctl } from './rule.js';
import type { Transaction } from './transaction.js';

export function runCtl(t: Transaction, c: Ctl): void {
  switch (c.name) {
    case 'ruleremovebyid':
      for (const part of c.value.split(/[\s,]+/).filter(Boolean)) t.removedIds.push((id) => idInRange(id, part));
      return;
    case 'ruleremovebytag':
      t.removedTags.push(c.value);
      return;
    case 'ruleremovetargetbyid':
    case 'ruleremovetargetbytag': {
      const semi = c.value.indexOf(';');
      if (semi < 0) return;
      const which = c.value.slice(0, semi);
      for (const target of splitTargets(c.value.slice(semi + 1))) {
        const spec = parseVariable(target);
        if (c.name === 'ruleremovetargetbyid') {
          const id = Number(which);
          t.removedTargets.push({ ruleId: Number.isInteger(id) ? id : undefined, tag: undefined, spec });
        } else t.removedTargets.push({ ruleId: undefined, tag: which, spec });
      }
      return;
    }
    case 'ruleengine': {
      const v = c.value.toLowerCase();
      t.engine = v === 'on' ? 'On' : v === 'off' ? 'Off' : 'DetectionOnly';
      return;
    }
    case 'requestbodyprocessor':
      t.requestBodyProcessor = c.value.toUpperCase();
      return;
    case 'forcerequestbodyvariable':
      t.forceRequestBodyVariable = c.value.toLowerCase() === 'on';
      return;
    default:
      return;
  }
}
