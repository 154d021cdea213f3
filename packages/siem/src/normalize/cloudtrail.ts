/** AWS CloudTrail records → ECS; the record's own fields (eventName, requestParameters, ...) stay for Sigma. */
import { isIP } from 'node:net';
import type { Normalized } from './types.js';
import { compact, str, timeOr, withSourceFields } from './merge.js';

export function isCloudTrail(v: Record<string, unknown>): boolean {
  return typeof v.eventSource === 'string' && typeof v.eventName === 'string' && 'eventTime' in v;
}

export function normalizeCloudTrail(v: Record<string, unknown>, original: string, receivedMs: number): Normalized {
  const identity = (v.userIdentity ?? {}) as Record<string, unknown>;
  const issuer = ((identity.sessionContext as Record<string, unknown> | undefined)?.sessionIssuer ?? {}) as Record<
    string,
    unknown
  >;
  const ip = str(v.sourceIPAddress);
  const failed = v.errorCode !== undefined && v.errorCode !== null;
  const event = withSourceFields(
    v,
    {
      // sourceIPAddress is an IP, or a service name for calls AWS makes on a user's behalf.
      source: compact({ ip: ip !== undefined && isIP(ip) !== 0 ? ip : undefined, address: ip }),
      user: compact({
        name: str(identity.userName) ?? str(issuer.userName) ?? str(identity.arn),
        id: str(identity.principalId),
      }),
      user_agent: compact({ original: str(v.userAgent) }),
      cloud: {
        provider: 'aws',
        ...compact({ region: str(v.awsRegion), account: compact({ id: str(v.recipientAccountId) }) }),
      },
      error: failed ? compact({ code: str(v.errorCode), message: str(v.errorMessage) }) : undefined,
    },
    {
      kind: 'event',
      module: 'aws',
      dataset: 'aws.cloudtrail',
      action: String(v.eventName),
      category: ['api'],
      outcome: failed ? 'failure' : 'success',
      original,
    },
    timeOr(v.eventTime, receivedMs),
  );
  return { event, logsource: { product: 'aws', service: 'cloudtrail' } };
}
