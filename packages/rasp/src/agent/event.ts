/** Builds the ECS SecurityEvent of a detection: sink, masked payload, route, client, and the app's calling frame. */
import { createDenialEvent, createEvent, maskPayload, type SecurityEvent } from '@rampart/core/event';
import type { RequestContext } from '../context/request-context.js';
import type { Attack } from './attack.js';
import type { ResolvedOptions } from './options.js';
import { appFrame } from './stack.js';

const TECHNIQUE: Record<Attack['kind'], { id: string; name: string }> = {
  sql_injection: { id: 'T1190', name: 'Exploit Public-Facing Application' },
  nosql_injection: { id: 'T1190', name: 'Exploit Public-Facing Application' },
  shell_injection: { id: 'T1059', name: 'Command and Scripting Interpreter' },
  path_traversal: { id: 'T1083', name: 'File and Directory Discovery' },
  ssrf: { id: 'T1190', name: 'Exploit Public-Facing Application' },
  code_injection: { id: 'T1059.007', name: 'JavaScript' },
  prototype_pollution: { id: 'T1190', name: 'Exploit Public-Facing Application' },
};

export function attackEvent(
  attack: Attack,
  ctx: RequestContext,
  blocked: boolean,
  options: ResolvedOptions,
  stack: string | undefined,
): SecurityEvent {
  const init = {
    module: 'rasp',
    action: attack.kind,
    kind: 'alert' as const,
    category: 'intrusion_detection' as const,
    severity: attack.kind === 'prototype_pollution' ? 47 : 73,
    reason: attack.reason,
    dataset: 'rasp.detection',
    message: `${blocked ? 'blocked' : 'detected'} ${attack.kind.replace('_', ' ')} at ${attack.sink}`,
  };
  const technique = TECHNIQUE[attack.kind];
  const frame = appFrame(stack);
  const fields: Partial<SecurityEvent> = {
    rule: { id: `rasp.${attack.kind}`, name: attack.kind, ruleset: 'rampart-rasp', category: attack.family },
    threat: { framework: 'MITRE ATT&CK', technique: { id: [technique.id], name: [technique.name] } },
    url: { path: ctx.path },
    http: { request: { method: ctx.method } },
    rampart: {
      rasp: {
        sink: attack.sink,
        family: attack.family,
        blocked,
        mode: options.mode,
        source: attack.source,
        input_path: attack.path,
        payload: maskPayload(attack.payload),
        operation: maskPayload(attack.operation, 256),
        route: ctx.routePattern() ?? ctx.path,
        ...(frame === undefined ? {} : { frame }),
      },
    },
  };
  const ip = ctx.req.socket?.remoteAddress;
  if (ip !== undefined) fields.source = { ip: ip.replace(/^::ffff:/, '') };
  const ua = ctx.req.headers['user-agent'];
  if (ua !== undefined) fields.user_agent = { original: ua };
  if (options.service.name !== undefined) fields.service = options.service;
  return blocked ? createDenialEvent(init, fields) : createEvent({ ...init, type: 'info', outcome: 'unknown' }, fields);
}
