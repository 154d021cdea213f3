/** A verdict as a SecurityEvent (ECS): rule ids and messages, masked matched data, scores, paranoia level. */
import { createEvent, maskPayload, type SecurityEvent } from '@rampart/core/event';
import type { WafRequest, WafVerdict } from './types.js';

const SEVERITY_SCORE: Record<string, number> = { CRITICAL: 99, ERROR: 73, WARNING: 47, NOTICE: 21 };

/**
 * Which rule set an id belongs to: Rampart's built-in range (7000000-7000999), the range CRS reserves (900000-999999),
 * ModSecurity's recommended base rules (200000-200999, body processing), else the user's own.
 */
export function rulesetOf(id: number): string {
  if (id >= 7_000_000 && id <= 7_000_999) return 'rampart-builtin';
  if (id >= 900_000 && id <= 999_999) return 'OWASP CRS';
  if (id >= 200_000 && id <= 200_999) return 'modsecurity-recommended';
  return 'custom';
}

export function verdictToEvent(verdict: WafVerdict, req: WafRequest, paranoiaLevel: number): SecurityEvent {
  const scoring = verdict.matches.filter((m) => m.severity !== undefined);
  const top = scoring.reduce((acc, m) => Math.max(acc, SEVERITY_SCORE[m.severity as string] ?? 0), 0);
  const first = verdict.matches.find((m) => m.msg !== undefined) ?? verdict.matches[0];
  const blocked = verdict.action === 'block';
  const q = req.uri.indexOf('?');
  const host = req.headers.find(([k]) => k.toLowerCase() === 'host')?.[1];
  const ua = req.headers.find(([k]) => k.toLowerCase() === 'user-agent')?.[1];
  const event = createEvent(
    {
      module: 'waf',
      action: blocked ? 'waf-block' : verdict.action === 'detect' ? 'waf-detect' : 'waf-match',
      kind: verdict.matches.length > 0 ? 'alert' : 'event',
      category: ['intrusion_detection', 'web'],
      type: blocked ? 'denied' : 'info',
      outcome: blocked ? 'failure' : 'success',
      severity: top,
      reason: first?.msg ?? (blocked ? 'blocked by WAF' : 'no rule matched'),
      dataset: 'waf.verdict',
      message:
        first === undefined ? 'WAF: no rule matched' : `WAF ${verdict.action}: ${first.id} ${first.msg ?? ''}`.trim(),
    },
    {
      source: { ip: req.remoteAddr, ...(req.remotePort !== undefined ? { port: req.remotePort } : {}) },
      url: {
        original: req.uri,
        path: q < 0 ? req.uri : req.uri.slice(0, q),
        ...(q >= 0 ? { query: req.uri.slice(q + 1) } : {}),
        ...(host !== undefined ? { domain: host } : {}),
      },
      http: {
        request: { method: req.method },
        version: req.protocol.replace(/^HTTP\//, ''),
        ...(verdict.status !== undefined ? { response: { status_code: verdict.status } } : {}),
      },
      rule:
        first === undefined
          ? {}
          : {
              id: String(first.id),
              ruleset: rulesetOf(Number(first.id)),
              ...(first.msg !== undefined ? { description: first.msg } : {}),
            },
      tags: [...new Set(verdict.matches.flatMap((m) => m.tags))].slice(0, 32),
      rampart: {
        waf: {
          action: verdict.action,
          anomaly_score: verdict.inboundScore,
          paranoia_level: paranoiaLevel,
          rule_ids: verdict.matches.map((m) => m.id),
          matches: verdict.matches.slice(0, 32).map((m) => ({
            id: m.id,
            ...(m.msg !== undefined ? { msg: m.msg } : {}),
            ...(m.data !== undefined ? { data: maskPayload(m.data) } : {}),
            ...(m.severity !== undefined ? { severity: m.severity } : {}),
          })),
        },
      },
    },
  );
  if (ua !== undefined) event.user_agent = { original: ua };
  return event;
}
