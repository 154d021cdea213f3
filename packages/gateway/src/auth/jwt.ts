/**
 * JWT bearer tokens verified with `jose`: an algorithm allowlist (jose never accepts `none`, and a key's type must fit
 * the algorithm, so an HS256 token "signed" with an RSA public key fails), `iss`/`aud`/`exp`/`nbf` with clock skew.
 * Keys come from a JWKS URL (jose caches it and refetches on an unknown `kid`, at most once per cooldown), from OIDC
 * discovery of the issuer, or from static keys with rotation windows (see static-keys.ts).
 */
import type { IncomingMessage } from 'node:http';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { JwtAuthConfig } from '../config/types.js';
import type { Authenticator, AuthResult } from './identity.js';
import { StaticKeySet } from './static-keys.js';
import { TokenCache } from './token-cache.js';

export async function createJwtAuthenticator(
  name: string,
  cfg: JwtAuthConfig,
  baseDir: string,
): Promise<Authenticator> {
  let getKey: JWTVerifyGetKey;
  let staticKeys: StaticKeySet | undefined;
  let jwksUrl = cfg.jwksUrl;
  if (jwksUrl === undefined && cfg.discovery) {
    if (cfg.issuer === undefined) throw new Error(`authenticator ${name}: discovery needs an issuer`);
    jwksUrl = await discoverJwksUri(cfg.issuer);
  }
  if (jwksUrl !== undefined) {
    getKey = createRemoteJWKSet(new URL(jwksUrl), {
      cooldownDuration: cfg.jwksCooldownMs,
      cacheMaxAge: cfg.jwksCacheMs,
      timeoutDuration: 5000,
    });
  } else if (cfg.keys !== undefined && cfg.keys.length > 0) {
    staticKeys = await StaticKeySet.load(cfg.keys, baseDir);
    const ks = staticKeys;
    getKey = (header) => ks.select(header.kid, header.alg, Date.now());
  } else {
    throw new Error(`authenticator ${name}: needs jwksUrl, discovery or keys`);
  }
  const header = cfg.header.toLowerCase();
  const bearer = header === 'authorization';
  const options = {
    algorithms: cfg.algorithms,
    clockTolerance: cfg.clockSkewSec,
    ...(cfg.issuer === undefined ? {} : { issuer: cfg.issuer }),
    ...(cfg.audience === undefined ? {} : { audience: cfg.audience }),
  };

  const cache = new TokenCache();
  return {
    name,
    scheme: 'Bearer',
    async authenticate(req: IncomingMessage): Promise<AuthResult> {
      const raw = req.headers[header];
      if (typeof raw !== 'string' || raw === '') return { outcome: 'absent' };
      let token = raw;
      if (bearer) {
        if (raw.length < 8 || raw.slice(0, 7).toLowerCase() !== 'bearer ') return { outcome: 'absent' };
        token = raw.slice(7).trim();
      }
      const now = Math.floor(Date.now() / 1000);
      const hit = cache.get(token, now);
      if (hit !== undefined) return { outcome: 'ok', identity: hit };
      try {
        const { payload, protectedHeader } = await jwtVerify(token, getKey, options);
        const identity = {
          type: 'jwt' as const,
          subject: typeof payload.sub === 'string' ? payload.sub : '',
          authenticator: name,
          scopes: listClaim(payload, cfg.scopeClaim, ' '),
          roles: listClaim(payload, cfg.rolesClaim, ','),
          claims: payload as Record<string, unknown>,
          ...(protectedHeader.kid === undefined ? {} : { credentialId: protectedHeader.kid }),
        };
        cache.set(token, identity, now, payload.exp, payload.nbf, cfg.clockSkewSec);
        return { outcome: 'ok', identity };
      } catch (e) {
        return { outcome: 'invalid', reason: jwtFailure(e) };
      }
    },
    close() {
      staticKeys?.close();
    },
  };
}

function listClaim(payload: JWTPayload, claim: string, sep: string): string[] {
  const v = payload[claim] ?? (claim === 'scope' ? payload.scp : undefined);
  if (typeof v === 'string')
    return v
      .split(sep)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (Array.isArray(v)) return v.filter((s): s is string => typeof s === 'string');
  return [];
}

/** A stable reason for the event: jose's code plus the failing claim. */
export function jwtFailure(e: unknown): string {
  if (e instanceof errors.JWTClaimValidationFailed) return `${e.code}:${e.claim}`;
  if (e instanceof errors.JOSEError) return e.code;
  return `jwt-error:${e instanceof Error ? e.message : String(e)}`;
}

async function discoverJwksUri(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`OIDC discovery ${url}: HTTP ${res.status}`);
  const doc = (await res.json()) as { jwks_uri?: unknown; issuer?: unknown };
  if (typeof doc.jwks_uri !== 'string') throw new Error(`OIDC discovery ${url}: no jwks_uri`);
  if (doc.issuer !== issuer)
    throw new Error(`OIDC discovery ${url}: issuer "${String(doc.issuer)}" is not "${issuer}"`);
  return doc.jwks_uri;
}
