/**
 * The Kubernetes audit webhook backend: the API server POSTs an `audit.k8s.io/v1` EventList (a `--audit-webhook-config`
 * kubeconfig points at `/api/v1/k8s-audit`). Strict: anything that is not an EventList of audit Events is refused with
 * the index of the first bad item, so a misconfigured sender is noticed instead of filling the store with junk.
 */
import { RampartError } from '@rampart/core';
import { isK8sAudit, normalizeK8sAudit } from '../normalize/k8s-audit.js';
import { asRecord } from '../normalize/merge.js';
import type { Normalized } from '../normalize/types.js';

export function parseAuditEventList(text: string, receivedMs: number): Normalized[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new RampartError('INPUT_INVALID', `the audit body is not valid JSON: ${(e as Error).message}`, {
      field: 'body',
    });
  }
  const doc = asRecord(value);
  const items = doc?.kind === 'EventList' ? doc.items : doc?.kind === 'Event' ? [doc] : undefined;
  if (!Array.isArray(items)) {
    throw new RampartError('INPUT_INVALID', 'expected an audit.k8s.io EventList (kind: EventList, items: [...])', {
      field: 'kind',
    });
  }
  return items.map((item, i) => {
    const r = asRecord(item);
    if (r === undefined || !isK8sAudit(r)) {
      throw new RampartError('INPUT_INVALID', `items[${i}] is not an audit Event (needs kind: Event, auditID, verb)`, {
        field: `items[${i}]`,
      });
    }
    return normalizeK8sAudit(r, JSON.stringify(r), receivedMs);
  });
}
