/** Rampart's own events (gateway, WAF, RASP, admit, scan) are already ECS: checked, stamped with ingest time, kept. */
import type { SecurityEvent } from '@rampart/core/event';
import type { EventLogsource, Normalized } from './types.js';
import { asRecord } from './merge.js';

export function isRampartEvent(v: Record<string, unknown>): boolean {
  const e = asRecord(v.event);
  return (
    typeof v['@timestamp'] === 'string' && e !== undefined && typeof e.id === 'string' && typeof e.module === 'string'
  );
}

/** Rampart modules' events map onto the Sigma logsources their rules are written for. */
const MODULE_LOGSOURCE: Record<string, EventLogsource> = {
  gateway: { category: 'webserver', product: 'rampart', service: 'gateway' },
  waf: { category: 'webserver', product: 'rampart', service: 'waf' },
  rasp: { product: 'rampart', service: 'rasp' },
  admit: { product: 'kubernetes', service: 'admission' },
  scan: { product: 'rampart', service: 'scan' },
};

export function normalizeRampartEvent(v: Record<string, unknown>, original: string): Normalized {
  const event = v as unknown as SecurityEvent;
  // The sender's own serialisation is the original; it is not repeated when the sender already set one.
  if (event.event.original === undefined && original.length <= 64 * 1024) event.event.original = original;
  return { event, logsource: logsourceOfModule(event.event.module) };
}

export function logsourceOfModule(module: string): EventLogsource {
  return MODULE_LOGSOURCE[module] ?? { product: 'rampart', service: module };
}
