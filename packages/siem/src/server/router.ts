/** A small method + path router for the SIEM's HTTP API, and the JSON reply helpers every route uses. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRampartError, RampartError } from '@rampart/core';

export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
  url: URL,
) => Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/:([a-z]+)/g, (_, n: string) => {
        names.push(n);
        return '([^/]+)';
      })}$`,
    );
    this.routes.push({ method, pattern, names, handler });
    return this;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://siem.local');
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.pattern.exec(url.pathname);
      if (m === null) continue;
      pathMatched = true;
      if (r.method !== req.method) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1] as string);
      });
      await r.handler(req, res, params, url);
      return;
    }
    sendJson(res, pathMatched ? 405 : 404, {
      error: { code: pathMatched ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND', message: `${req.method} ${url.pathname}` },
    });
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const STATUS_BY_CODE: Record<string, number> = {
  USAGE: 400,
  INPUT_INVALID: 400,
  SIEM_QUERY_INVALID: 400,
  SIEM_NOT_FOUND: 404,
  SIEM_INCIDENT_TRANSITION: 409,
  SIEM_BODY_TOO_LARGE: 413,
  SIEM_UNAUTHORIZED: 401,
  SIEM_BACKPRESSURE: 429,
  SIEM_STORE_WRITE: 503,
  SIEM_UNAVAILABLE: 503,
};

/** A RampartError as an HTTP answer: status by code, the error as JSON (never a stack trace). */
export function sendError(res: ServerResponse, e: unknown, headers: Record<string, string> = {}): void {
  const err = isRampartError(e) ? e : new RampartError('INTERNAL', (e as Error).message ?? String(e));
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, STATUS_BY_CODE[err.code] ?? 500, { error: err.toJSON() }, headers);
}

/** Wraps a handler: the caller must pass `authorize` (it throws to refuse), and any error becomes an HTTP answer. */
export function guarded(authorize: (req: IncomingMessage) => void, fn: Handler): Handler {
  return async (req, res, params, url) => {
    try {
      authorize(req);
      await fn(req, res, params, url);
    } catch (e) {
      sendError(res, e);
    }
  };
}
