/**
 * RFC 9457 `application/problem+json` responses. Denials carry only the generic title of their status (the event has
 * the reason), so a client learns nothing about which check failed; validation errors may carry `errors` because they
 * describe the client's own input.
 */
import { STATUS_CODES, type ServerResponse } from 'node:http';

export interface ProblemExtras {
  requestId?: string;
  errors?: unknown[];
  headers?: Record<string, string | number | string[]>;
}

export function problemBody(status: number, extras: ProblemExtras = {}): string {
  const body: Record<string, unknown> = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status };
  if (extras.requestId !== undefined) body.instance = `urn:rampart:request:${extras.requestId}`;
  if (extras.errors !== undefined) body.errors = extras.errors;
  return JSON.stringify(body);
}

export function sendProblem(res: ServerResponse, status: number, extras: ProblemExtras = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = problemBody(status, extras);
  const headers: Record<string, string | number | string[]> = {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...extras.headers,
  };
  if (extras.requestId !== undefined) headers['x-request-id'] = extras.requestId;
  res.writeHead(status, headers);
  res.end(body);
}

/** For parser errors, where only the raw socket is left. */
export function rawProblem(status: number): string {
  const body = problemBody(status);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
