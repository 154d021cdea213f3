/**
 * The error a sink throws in block mode. It carries the HTTP shape every framework already understands, so the default
 * error handlers of Express (`status`), Fastify (`statusCode`), Koa (`status` + `expose`) and Hono (`getResponse()`) all
 * answer 403 without any framework-specific code.
 */
import type { AttackKind } from './attack.js';

export const BLOCKED_BODY = 'Request blocked by Rampart RASP';

export class RaspBlockedError extends Error {
  override readonly name = 'RaspBlockedError';
  readonly code = 'RASP_BLOCKED';
  readonly status = 403;
  readonly statusCode = 403;
  readonly expose = true;
  readonly kind: AttackKind;
  readonly sink: string;

  constructor(kind: AttackKind, sink: string) {
    super(`${BLOCKED_BODY}: ${kind} at ${sink}`);
    this.kind = kind;
    this.sink = sink;
  }

  /** Hono's default error handler returns `err.getResponse()` when the error has one (as HTTPException does). */
  getResponse(): Response {
    return new Response(BLOCKED_BODY, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
}

export function isRaspBlockedError(e: unknown): e is RaspBlockedError {
  return e instanceof RaspBlockedError;
}
