/** Who made a request, as established by an authenticator; authorization and rate limits read it. */
import type { IncomingMessage } from 'node:http';

export interface Identity {
  type: 'jwt' | 'apiKey' | 'mtls';
  /** `sub` of a JWT, the configured identity of an API key, the SPIFFE ID of a client certificate. */
  subject: string;
  authenticator: string;
  scopes: string[];
  roles: string[];
  claims: Record<string, unknown>;
  /** API key id or JWT `kid`: names the credential in events without revealing it. */
  credentialId?: string;
}

export type AuthResult =
  | { outcome: 'ok'; identity: Identity }
  /** No credential of this kind on the request: the next authenticator may try. */
  | { outcome: 'absent' }
  /** A credential was presented and is not valid: deny; `reason` goes to the event, never to the client. */
  | { outcome: 'invalid'; reason: string };

export interface Authenticator {
  readonly name: string;
  readonly scheme: string;
  authenticate(req: IncomingMessage): AuthResult | Promise<AuthResult>;
  close?(): void;
}
