/** Kubernetes API-server audit events (`audit.k8s.io/v1` and v1beta1) → ECS, the record's own fields kept for Sigma. */
import type { Normalized } from './types.js';
import { compact, str, timeOr, withSourceFields } from './merge.js';

export function isK8sAudit(v: Record<string, unknown>): boolean {
  return (
    v.kind === 'Event' &&
    typeof v.auditID === 'string' &&
    typeof v.verb === 'string' &&
    (v.apiVersion === undefined || (typeof v.apiVersion === 'string' && v.apiVersion.startsWith('audit.k8s.io/')))
  );
}

const VERB_TYPE: Record<string, 'creation' | 'deletion' | 'change' | 'access'> = {
  create: 'creation',
  delete: 'deletion',
  deletecollection: 'deletion',
  update: 'change',
  patch: 'change',
  get: 'access',
  list: 'access',
  watch: 'access',
};

export function normalizeK8sAudit(v: Record<string, unknown>, original: string, receivedMs: number): Normalized {
  const objectRef = (v.objectRef ?? {}) as Record<string, unknown>;
  const user = (v.user ?? {}) as Record<string, unknown>;
  const status = (v.responseStatus ?? {}) as Record<string, unknown>;
  const code = typeof status.code === 'number' ? status.code : undefined;
  const ips = Array.isArray(v.sourceIPs) ? v.sourceIPs.filter((x): x is string => typeof x === 'string') : [];
  const verb = String(v.verb);
  const event = withSourceFields(
    v,
    {
      source: compact({ ip: ips[0] }),
      user: compact({ name: str(user.username), id: str(user.uid) }),
      user_agent: compact({ original: str(v.userAgent) }),
      url: compact({ original: str(v.requestURI) }),
      http: code === undefined ? undefined : { response: { status_code: code } },
      orchestrator: {
        type: 'kubernetes',
        ...compact({
          namespace: str(objectRef.namespace),
          resource: compact({ name: str(objectRef.name), type: str(objectRef.resource) }),
        }),
      },
    },
    {
      kind: 'event',
      module: 'kubernetes',
      dataset: 'kubernetes.audit',
      action: verb,
      category: ['api'],
      type: [VERB_TYPE[verb] ?? 'info'],
      outcome: code === undefined ? 'unknown' : code < 400 ? 'success' : 'failure',
      original,
    },
    timeOr(v.stageTimestamp ?? v.requestReceivedTimestamp, receivedMs),
  );
  return { event, logsource: { product: 'kubernetes', service: 'audit' } };
}
