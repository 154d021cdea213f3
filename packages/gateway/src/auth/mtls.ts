/**
 * mTLS: the TLS listener asks for a client certificate and verifies it against its `clientCa` bundle; here a verified
 * certificate's SPIFFE ID (the `spiffe://` URI SAN) becomes the service identity, optionally limited to a trust domain.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { MtlsAuthConfig } from '../config/types.js';
import type { Authenticator, AuthResult } from './identity.js';

export function spiffeIdOf(subjectaltname: string | undefined): string | undefined {
  if (subjectaltname === undefined) return undefined;
  for (const part of subjectaltname.split(', ')) {
    if (part.startsWith('URI:spiffe://')) return part.slice(4);
  }
  return undefined;
}

export function createMtlsAuthenticator(name: string, cfg: MtlsAuthConfig): Authenticator {
  const domain = cfg.trustDomain;
  return {
    name,
    scheme: 'mTLS',
    authenticate(req: IncomingMessage): AuthResult {
      const socket = req.socket as TLSSocket;
      if (typeof socket.getPeerCertificate !== 'function') return { outcome: 'absent' };
      const cert = socket.getPeerCertificate();
      if (cert === null || Object.keys(cert).length === 0) return { outcome: 'absent' };
      if (!socket.authorized)
        return { outcome: 'invalid', reason: `mtls-unverified:${String(socket.authorizationError)}` };
      const id = spiffeIdOf(cert.subjectaltname);
      if (id === undefined) return { outcome: 'invalid', reason: 'mtls-no-spiffe-id' };
      if (domain !== undefined && id !== domain && !id.startsWith(`${domain}/`)) {
        return { outcome: 'invalid', reason: 'mtls-foreign-trust-domain' };
      }
      return {
        outcome: 'ok',
        identity: { type: 'mtls', subject: id, authenticator: name, scopes: [], roles: [], claims: { spiffe_id: id } },
      };
    },
  };
}
