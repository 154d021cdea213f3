/**
 * The loaded WAF: a compiled plan shared by every request. `evaluateRequest` runs phases 1-2 (and the logging phase);
 * `evaluate` also runs the response phases when a response is given. Scores come from CRS's TX variables.
 */
import { toInt } from '../operators/argument.js';
import { fillRequestLine } from '../variables/request-variables.js';
import { defaultBodyProcessor, processRequestBody } from './body-processing.js';
import type { Plan } from './plan.js';
import { Transaction } from './transaction.js';
import type { WafRequest, WafResponse, WafTransactionResult } from './types.js';
import type { Collection } from '../variables/collection.js';

export interface Evaluation {
  result: WafTransactionResult;
  /** ModSecurity-style log lines, one per logged rule match (what go-ftw's log checks read). */
  logLines: string[];
  transaction: Transaction;
}

export function bytesToBinary(b: Uint8Array | undefined): string {
  if (b === undefined || b.length === 0) return '';
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

export function runTransaction(plan: Plan, req: WafRequest, res?: WafResponse): Evaluation {
  const t = new Transaction(plan);
  fillRequestLine(t.vars, req);
  t.requestBodyProcessor = defaultBodyProcessor(t.vars.singles.get('REQUEST_CONTENT_TYPE'));
  let stopped = t.runPhase(1);
  if (!stopped) {
    processRequestBody(t, bytesToBinary(req.body));
    stopped = t.runPhase(2);
  }
  if (!stopped && res !== undefined) {
    const s = t.vars.singles;
    s.set('RESPONSE_STATUS', String(res.status));
    s.set('RESPONSE_PROTOCOL', res.protocol ?? req.protocol);
    const headers = t.vars.collections.get('RESPONSE_HEADERS') as Collection;
    const names = t.vars.collections.get('RESPONSE_HEADERS_NAMES') as Collection;
    for (const [k, v] of res.headers) {
      headers.add(k, v);
      names.add(k, k);
      if (k.toLowerCase() === 'content-type') s.set('RESPONSE_CONTENT_TYPE', v);
      if (k.toLowerCase() === 'content-length') s.set('RESPONSE_CONTENT_LENGTH', v);
    }
    stopped = t.runPhase(3);
    if (!stopped) {
      const type = (s.get('RESPONSE_CONTENT_TYPE') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (plan.settings.responseBodyAccess && plan.settings.responseBodyMimeTypes.includes(type))
        s.set('RESPONSE_BODY', bytesToBinary(res.body));
      stopped = t.runPhase(4);
    }
  }
  t.runPhase(5);
  return { result: resultOf(t), logLines: t.logLines, transaction: t };
}

function resultOf(t: Transaction): WafTransactionResult {
  const tx = t.tx;
  const inbound = toInt(
    tx.get('blocking_inbound_anomaly_score') ?? tx.get('inbound_anomaly_score') ?? tx.get('anomaly_score') ?? '0',
  );
  const outbound = toInt(tx.get('blocking_outbound_anomaly_score') ?? tx.get('outbound_anomaly_score') ?? '0');
  const intr = t.interruption;
  const blocked = intr !== undefined && t.engine === 'On';
  const result: WafTransactionResult = {
    action: intr === undefined ? 'allow' : blocked ? 'block' : 'detect',
    inboundScore: inbound,
    outboundScore: outbound,
    matches: t.matches,
    decidedBy: intr?.ruleId,
    paranoiaLevel: toInt(tx.get('blocking_paranoia_level') ?? '1'),
  };
  if (intr !== undefined) result.status = intr.status;
  return result;
}
