/** The Sigma logsource of a stored event, read back from its dataset (retro-hunts run over events at rest). */
import type { SecurityEvent } from '@rampart/core/event';
import { logsourceOfModule } from './rampart-event.js';
import type { EventLogsource } from './types.js';

const BY_DATASET: Record<string, EventLogsource> = {
  'kubernetes.audit': { product: 'kubernetes', service: 'audit' },
  'aws.cloudtrail': { product: 'aws', service: 'cloudtrail' },
  'web.access': { category: 'webserver' },
  'syslog.rfc5424': { product: 'linux', service: 'syslog' },
  'syslog.rfc3164': { product: 'linux', service: 'syslog' },
  'syslog.unknown': { product: 'linux', service: 'syslog' },
  'falco.alerts': { product: 'falco' },
  json: {},
};

export function logsourceOf(event: SecurityEvent): EventLogsource {
  const ds = event.event.dataset;
  if (ds !== undefined && BY_DATASET[ds] !== undefined) return BY_DATASET[ds];
  return logsourceOfModule(event.event.module);
}
