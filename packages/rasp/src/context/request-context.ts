/**
 * One RequestContext per incoming HTTP request, kept in an AsyncLocalStorage so that a sink deep in the app can find the
 * input of the request that caused the call. Everything is lazy: the request start costs one object; user input is
 * gathered only when a sink is reached, and cached until more of the body arrives.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectUserInput, type UserInput } from './user-input.js';

/** Bodies larger than this are captured only up to it: detection sees the first 1 MiB of a body. */
const MAX_BODY_BYTES = 1 << 20;

export class RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse | undefined;
  /** A route pattern (`/users/:id`) set by an integration, for allowlists and events; see `routePattern()`. */
  route: string | undefined;
  /** Detections already reported for this request (`kind|sink|payload`): one event each, however often it recurs. */
  readonly reported = new Set<string>();
  private chunks: Buffer[] = [];
  private bodyBytes = 0;
  private cached: UserInput | undefined;

  constructor(req: IncomingMessage, res: ServerResponse | undefined) {
    this.req = req;
    this.res = res;
  }

  /** Called for every body chunk the HTTP parser pushes into the request stream. */
  addBodyChunk(chunk: Buffer): void {
    if (this.bodyBytes >= MAX_BODY_BYTES) return;
    const room = MAX_BODY_BYTES - this.bodyBytes;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(part);
    this.bodyBytes += part.length;
    this.cached = undefined;
  }

  rawBody(): Buffer | undefined {
    if (this.chunks.length === 0) return undefined;
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0];
  }

  /** The user input of this request, gathered on first use. */
  input(): UserInput {
    if (this.cached === undefined) this.cached = collectUserInput(this);
    return this.cached;
  }

  /** The matched route pattern: set explicitly, or Express's `req.route.path` once its router matched. */
  routePattern(): string | undefined {
    if (this.route !== undefined) return this.route;
    const r = (this.req as unknown as { route?: { path?: unknown } }).route;
    return typeof r?.path === 'string' ? r.path : undefined;
  }

  get method(): string {
    return this.req.method ?? 'GET';
  }

  get path(): string {
    const url = this.req.url ?? '/';
    const q = url.indexOf('?');
    return q === -1 ? url : url.slice(0, q);
  }
}

export const requestStorage = new AsyncLocalStorage<RequestContext>();

export function currentContext(): RequestContext | undefined {
  return requestStorage.getStore();
}
