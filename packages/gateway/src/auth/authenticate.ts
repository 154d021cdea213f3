/**
 * Runs a route's authenticators in order: the first valid credential wins; a presented but invalid one denies at once
 * (no falling through to a weaker scheme); none at all is a 401 too (deny by default).
 */
import type { IncomingMessage } from 'node:http';
import type { Authenticator, Identity } from './identity.js';

export type AuthDecision = { ok: true; identity: Identity } | { ok: false; reason: string; authenticator?: string };

export async function authenticate(req: IncomingMessage, chain: readonly Authenticator[]): Promise<AuthDecision> {
  for (const a of chain) {
    const r = await a.authenticate(req);
    if (r.outcome === 'ok') return { ok: true, identity: r.identity };
    if (r.outcome === 'invalid') return { ok: false, reason: r.reason, authenticator: a.name };
  }
  return { ok: false, reason: 'credentials-missing' };
}

export function challenge(chain: readonly Authenticator[]): string {
  const schemes = new Set<string>();
  for (const a of chain) if (a.scheme !== 'mTLS') schemes.add(a.scheme);
  return [...schemes].map((s) => `${s} realm="rampart"`).join(', ') || 'mTLS';
}
