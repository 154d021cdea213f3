/**
 * One ECS security event per denial (authn, authz, rate limit, validation, WAF, DLP, strict parsing, upstream), with
 * the deciding rule and the full reason: what the client is never told, the analyst is.
 */
import { createDenialEvent, type EventCategory, type SecurityEvent } from '@rampart/core/event';

export type DenialStage =
  | 'strict'
  | 'route'
  | 'authn'
  | 'authz'
  | 'ratelimit'
  | 'validation'
  | 'waf'
  | 'dlp'
  | 'upstream';

const CATEGORY: Record<DenialStage, EventCategory[]> = {
  strict: ['web', 'intrusion_detection'],
  route: ['web'],
  authn: ['authentication', 'web'],
  authz: ['iam', 'web'],
  ratelimit: ['web', 'network'],
  validation: ['web'],
  waf: ['web', 'intrusion_detection'],
  dlp: ['web', 'threat'],
  upstream: ['web', 'network'],
};

const SEVERITY: Record<DenialStage, number> = {
  strict: 60,
  route: 20,
  authn: 50,
  authz: 50,
  ratelimit: 30,
  validation: 30,
  waf: 70,
  dlp: 70,
  upstream: 40,
};

export interface DenialFacts {
  stage: DenialStage;
  rule: string;
  reason: string;
  status: number;
  requestId?: string;
  method?: string;
  path?: string;
  host?: string;
  clientIp?: string;
  clientPort?: number;
  route?: string;
  user?: string;
  userAgent?: string;
  extra?: Record<string, unknown>;
}

export function denialEvent(f: DenialFacts, serviceName: string): SecurityEvent {
  const fields: Partial<SecurityEvent> = {
    service: { name: serviceName },
    http: { response: { status_code: f.status } },
    rule: { id: f.rule, name: f.rule, ruleset: `rampart-gateway-${f.stage}` },
    rampart: { gateway: { stage: f.stage, ...(f.route === undefined ? {} : { route: f.route }), ...f.extra } },
  };
  if (f.clientIp !== undefined)
    fields.source = { ip: f.clientIp, ...(f.clientPort === undefined ? {} : { port: f.clientPort }) };
  if (f.path !== undefined) fields.url = { path: f.path, ...(f.host === undefined ? {} : { domain: f.host }) };
  if (f.method !== undefined || f.requestId !== undefined) {
    fields.http = {
      ...fields.http,
      request: {
        ...(f.method === undefined ? {} : { method: f.method }),
        ...(f.requestId === undefined ? {} : { id: f.requestId }),
      },
    };
  }
  if (f.requestId !== undefined) fields.trace = { id: f.requestId };
  if (f.user !== undefined && f.user !== '') fields.user = { name: f.user };
  if (f.userAgent !== undefined) fields.user_agent = { original: f.userAgent };
  return createDenialEvent(
    {
      module: 'gateway',
      action: `${f.stage}-denied`,
      category: CATEGORY[f.stage],
      severity: SEVERITY[f.stage],
      reason: f.reason,
      dataset: 'gateway.denial',
      message: `${f.stage} denied ${f.method ?? ''} ${f.path ?? ''}: ${f.rule}`.replace(/\s+/g, ' '),
    },
    fields,
  );
}
