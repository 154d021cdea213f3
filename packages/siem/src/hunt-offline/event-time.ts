/** The time of an event as found in the common log shapes (ECS, Windows, CloudTrail, Kubernetes audit). */
import { getField } from '@rampart/core/event';

const TIME_FIELDS = ['@timestamp', 'TimeCreated', 'eventTime', 'requestReceivedTimestamp', 'timestamp', 'time'];

export function eventTimeMs(event: Record<string, unknown>): number | undefined {
  for (const f of TIME_FIELDS) {
    const v = getField(event, f);
    if (typeof v === 'string') {
      const ms = Date.parse(v);
      if (Number.isFinite(ms)) return ms;
    } else if (typeof v === 'number' && Number.isFinite(v)) {
      return v < 1e12 ? v * 1000 : v;
    }
  }
  return undefined;
}
