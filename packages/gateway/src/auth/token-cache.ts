/**
 * Verified-token cache (as Envoy's jwt_authn keeps one): a token seen and verified recently is not verified again,
 * which takes the signature check (the costliest step of a request) off the hot path for clients that reuse their
 * tokens. Entries live at most `ttlSec` and never past the token's own `exp` (plus skew), so a key removed from the
 * JWKS stops being honoured within `ttlSec`. Bounded: the oldest entry goes first.
 */
import type { Identity } from './identity.js';

interface Entry {
  identity: Identity;
  /** Seconds since the epoch after which the entry is no longer used. */
  until: number;
}

export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly max = 10_000,
    private readonly ttlSec = 60,
  ) {}

  get(token: string, nowSec: number): Identity | undefined {
    const e = this.entries.get(token);
    if (e === undefined) return undefined;
    if (nowSec >= e.until) {
      this.entries.delete(token);
      return undefined;
    }
    return e.identity;
  }

  /** `exp`/`nbf` from the verified payload; tokens not yet valid are not cached. */
  set(
    token: string,
    identity: Identity,
    nowSec: number,
    exp: number | undefined,
    nbf: number | undefined,
    skewSec: number,
  ): void {
    if (nbf !== undefined && nbf > nowSec) return;
    const until = Math.min(nowSec + this.ttlSec, exp === undefined ? Number.POSITIVE_INFINITY : exp + skewSec);
    if (until <= nowSec) return;
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { identity, until });
  }

  get size(): number {
    return this.entries.size;
  }
}
