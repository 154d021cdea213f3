/**
 * Per-route authorization, compiled once: required scopes, roles and claims, then CEL rules (parsed and planned at
 * start with `@bufbuild/cel`, see cel.ts). Every decision names the rule that decided it (`scope:orders:write`,
 * `cel:owner-only`); the client only ever sees a plain 403.
 */
import { isCelError } from '@bufbuild/cel';
import type { AuthorizeConfig } from '../config/types.js';
import type { Identity } from '../auth/identity.js';
import { compileCel } from './cel.js';
import { objectView } from './object-view.js';

export interface RequestFacts {
  method: string;
  path: string;
  host: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string>;
  params: Record<string, string>;
  clientIp: string;
}

export interface AuthzDecision {
  allow: boolean;
  /** The rule that decided: the first failing one, or `all` when every rule passed. */
  rule: string;
  detail?: string;
}

export type Authorizer = (identity: Identity | undefined, req: RequestFacts) => AuthzDecision;

const ALLOW_ALL: AuthzDecision = Object.freeze({ allow: true, rule: 'none-configured' });
/** What CEL rules see as `identity` on a route without authentication. */
const NO_IDENTITY = objectView({ subject: '', scopes: [], roles: [], claims: {} });

export class AuthzConfigError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export function compileAuthorizer(cfg: AuthorizeConfig | undefined, field: string): Authorizer {
  if (cfg === undefined) return () => ALLOW_ALL;
  const scopes = cfg.scopes ?? [];
  const roles = cfg.roles ?? [];
  const claims = Object.entries(cfg.claims ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : [v]] as const);
  const rules = (cfg.rules ?? []).map((r, i) => {
    try {
      return { name: r.name, fn: compileCel(r.cel) };
    } catch (e) {
      throw new AuthzConfigError(
        `CEL rule "${r.name}": ${(e as Error).message.split('\n')[0]}`,
        `${field}.rules[${i}].cel`,
      );
    }
  });
  const allowed: AuthzDecision = { allow: true, rule: 'all' };
  return (identity, req) => {
    const idScopes = identity?.scopes ?? [];
    for (const s of scopes) if (!idScopes.includes(s)) return { allow: false, rule: `scope:${s}` };
    const idRoles = identity?.roles ?? [];
    for (const r of roles) if (!idRoles.includes(r)) return { allow: false, rule: `role:${r}` };
    for (const [name, values] of claims) {
      const v = identity?.claims[name];
      const ok = Array.isArray(v) ? v.some((x) => values.includes(x)) : values.includes(v as string);
      if (!ok) return { allow: false, rule: `claim:${name}` };
    }
    if (rules.length > 0) {
      const ctx = { request: objectView(req), identity: identity === undefined ? NO_IDENTITY : objectView(identity) };
      for (const r of rules) {
        let v: unknown;
        try {
          v = r.fn(ctx);
        } catch (e) {
          v = e instanceof Error ? e : new Error(String(e));
        }
        if (v === true) continue;
        // @bufbuild/cel returns evaluation errors (no such key, no overload, bad regex) as values.
        if (isCelError(v) || v instanceof Error) {
          return { allow: false, rule: `cel:${r.name}`, detail: `evaluation error: ${v.message.split('\n')[0]}` };
        }
        return { allow: false, rule: `cel:${r.name}` };
      }
    }
    return allowed;
  };
}
