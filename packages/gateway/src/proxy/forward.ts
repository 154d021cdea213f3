/**
 * Sends one request to an upstream with undici's `dispatch` (no intermediate streams: response chunks go straight to
 * the client socket, with backpressure both ways) and retries idempotent requests whose body can be replayed on
 * another target when the first failed before any response byte arrived.
 */
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Target, Upstream } from './upstream.js';

/** Where the upstream response goes: the client directly, or the DLP buffer. */
export interface ResponseTarget {
  start(status: number, headers: Record<string, string | string[] | undefined>): void;
  /** false: pause the upstream until `onDrain` fires. */
  data(chunk: Buffer): boolean;
  onDrain(resume: () => void): void;
  end(): void;
  /** The upstream failed; `started` tells whether `start` was already called. */
  fail(status: number, reason: string, started: boolean): void;
  /** The client went away: called once with the function that aborts the upstream request. */
  onClientGone(abort: () => void): void;
}

export interface ForwardRequest {
  method: string;
  path: string;
  headers: string[];
  /** null: no body; Buffer: replayable; Readable: streamed once. */
  body: Buffer | Readable | null;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
const NO_RESPONSE_STATUS = 502;

export function statusForError(err: Error & { code?: string }): number {
  switch (err.code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 504;
    default:
      return NO_RESPONSE_STATUS;
  }
}

export function forward(upstream: Upstream, req: ForwardRequest, out: ResponseTarget): void {
  const canRetry = IDEMPOTENT.has(req.method) && !isStream(req.body);
  let attemptsLeft = canRetry ? upstream.config.retries : 0;
  let aborted = false;
  let currentAbort: (() => void) | undefined;
  out.onClientGone(() => {
    aborted = true;
    currentAbort?.();
  });

  const attempt = (avoid?: Target): void => {
    const now = Date.now();
    const target = upstream.pick(now, avoid);
    if (target === undefined) {
      out.fail(503, 'no healthy upstream target', false);
      return;
    }
    target.inflight++;
    let started = false;
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      target.inflight--;
      upstream.recordResult(target, ok, Date.now());
    };
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(controller) {
        currentAbort = () => controller.abort(new Error('client closed the connection'));
        if (aborted) currentAbort();
      },
      onResponseStart(controller, statusCode, headers) {
        started = true;
        if (statusCode >= 500) upstream.recordResult(target, false, Date.now());
        out.start(statusCode, headers as Record<string, string | string[] | undefined>);
        out.onDrain(() => controller.resume());
      },
      onResponseData(controller, chunk) {
        if (!out.data(chunk)) controller.pause();
      },
      onResponseEnd() {
        finish(true);
        out.end();
      },
      onResponseError(_controller, err) {
        finish(false);
        if (aborted) return;
        const e = err as Error & { code?: string };
        if (!started && attemptsLeft > 0 && e.code !== 'UND_ERR_HEADERS_TIMEOUT') {
          attemptsLeft--;
          attempt(target);
          return;
        }
        out.fail(statusForError(e), `${e.code ?? 'error'}: ${e.message}`, started);
      },
    };
    target.pool.dispatch(
      {
        path: req.path,
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.body,
        idempotent: canRetry,
      },
      handler,
    );
  };
  attempt();
}

function isStream(b: ForwardRequest['body']): b is Readable {
  return b !== null && !Buffer.isBuffer(b);
}
