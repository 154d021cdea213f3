/**
 * API keys: config holds `sha256:<hex>` of each key. The presented key is hashed and compared with every stored hash
 * with `timingSafeEqual` (no early exit), so the time taken says nothing about which bytes matched.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApiKeyAuthConfig, ApiKeyEntry } from '../config/types.js';
import type { Authenticator, AuthResult } from './identity.js';

/** The `hash` value to put in config for a key (also `rampart gateway hash-key`). */
export function hashApiKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

export function createApiKeyAuthenticator(name: string, cfg: ApiKeyAuthConfig): Authenticator {
  const header = cfg.header.toLowerCase();
  const entries = cfg.keys.map((k) => ({
    entry: k,
    digest: Buffer.from(k.hash.slice('sha256:'.length), 'hex'),
    until: k.notAfter === undefined ? Number.POSITIVE_INFINITY : Date.parse(k.notAfter),
  }));
  return {
    name,
    scheme: 'ApiKey',
    authenticate(req: IncomingMessage): AuthResult {
      const presented = req.headers[header];
      if (typeof presented !== 'string' || presented === '') return { outcome: 'absent' };
      const digest = createHash('sha256').update(presented, 'utf8').digest();
      let found: ApiKeyEntry | undefined;
      let expired = false;
      const now = Date.now();
      for (const e of entries) {
        if (timingSafeEqual(digest, e.digest) && found === undefined) {
          if (now > e.until) expired = true;
          else found = e.entry;
        }
      }
      if (found === undefined) return { outcome: 'invalid', reason: expired ? 'api-key-expired' : 'api-key-unknown' };
      return {
        outcome: 'ok',
        identity: {
          type: 'apiKey',
          subject: found.identity,
          authenticator: name,
          scopes: found.scopes,
          roles: found.roles,
          claims: {},
          credentialId: found.id,
        },
      };
    },
  };
}
