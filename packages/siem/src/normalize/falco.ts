/** Falco JSON alerts (`json_output: true`) → ECS alerts from an external engine; output_fields stay as they are. */
import type { Normalized } from './types.js';
import { asRecord, compact, str, timeOr, withSourceFields } from './merge.js';

export function isFalco(v: Record<string, unknown>): boolean {
  return typeof v.rule === 'string' && typeof v.priority === 'string' && typeof v.output === 'string';
}

const PRIORITY_SEVERITY: Record<string, number> = {
  emergency: 100,
  alert: 90,
  critical: 80,
  error: 70,
  warning: 50,
  notice: 30,
  informational: 20,
  info: 20,
  debug: 10,
};

export function normalizeFalco(v: Record<string, unknown>, original: string, receivedMs: number): Normalized {
  const fields = asRecord(v.output_fields) ?? {};
  const priority = String(v.priority).toLowerCase();
  const event = withSourceFields(
    v,
    {
      message: str(v.output),
      rule: compact({ name: str(v.rule), ruleset: 'falco' }),
      host: compact({ hostname: str(v.hostname), name: str(v.hostname) }),
      tags: Array.isArray(v.tags) ? v.tags.map(String) : undefined,
      process: compact({ name: str(fields['proc.name']), command_line: str(fields['proc.cmdline']) }),
      container: compact({ id: str(fields['container.id']), name: str(fields['container.name']) }),
      user: compact({ name: str(fields['user.name']) ?? str(fields['ka.user.name']) }),
    },
    {
      kind: 'alert',
      module: 'falco',
      dataset: 'falco.alerts',
      action: String(v.rule),
      category: ['intrusion_detection'],
      severity: PRIORITY_SEVERITY[priority] ?? 50,
      original,
    },
    timeOr(v.time, receivedMs),
  );
  return { event, logsource: { product: 'falco' } };
}
