/**
 * Incoming requests of node:http and node:https servers (Express, Fastify, Koa and Hono's node-server all sit on them):
 * each `request` event runs inside a new RequestContext, and the body chunks the HTTP parser pushes into the request
 * are captured for detection. A RaspBlockedError that escapes the app's handler (plain node:http apps, Express 4 async
 * handlers) is answered with a 403 here rather than left to crash the process.
 */
import http, { IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Agent } from '../agent/agent.js';
import { kResponse } from '../agent/agent.js';
import { BLOCKED_BODY, isRaspBlockedError, RaspBlockedError } from '../agent/blocked-error.js';
import { RequestContext, requestStorage } from '../context/request-context.js';
import { detectPrototypePollution } from '../vulnerabilities/prototype-pollution/detect.js';
import { wrapMethod } from './wrap.js';

const kContext = Symbol('rampart.rasp.context');

export function respondBlocked(res: ServerResponse | undefined): boolean {
  if (res === undefined || res.headersSent || res.writableEnded) return false;
  res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(BLOCKED_BODY);
  return true;
}

export function hookHttpServer(agent: Agent): void {
  for (const proto of [http.Server.prototype, https.Server.prototype]) {
    wrapMethod(
      proto,
      'emit',
      (original) =>
        function raspEmit(this: unknown, event: string, ...args: unknown[]) {
          if (event !== 'request') return original.call(this, event, ...args);
          const req = args[0] as IncomingMessage;
          const res = args[1] as ServerResponse;
          const ctx = new RequestContext(req, res);
          (req as unknown as Record<symbol, unknown>)[kContext] = ctx;
          return requestStorage.run(ctx, () => {
            try {
              return original.call(this, event, ...args);
            } catch (e) {
              if (isRaspBlockedError(e) && respondBlocked(res)) return true;
              throw e;
            }
          });
        },
    );
  }
  wrapMethod(
    IncomingMessage.prototype,
    'push',
    (original) =>
      function raspPush(this: IncomingMessage, chunk: unknown, encoding?: BufferEncoding) {
        const ctx = (this as unknown as Record<symbol, RequestContext | undefined>)[kContext];
        if (ctx !== undefined) {
          if (chunk === null) {
            bodyEndBlocked(agent, ctx, this);
          } else if (Buffer.isBuffer(chunk)) ctx.addBodyChunk(chunk);
        }
        return original.call(this, chunk, encoding);
      },
  );
  hookUnhandledBlocked();
}

/**
 * Prototype pollution is judged when the body is complete, before the app's parser sees its end. In block mode the
 * request stream emits RaspBlockedError (status 403) just before its end, which body parsers (body-parser, co-body,
 * Fastify's) pass to the framework's error handling; the end still follows, since some wait for it before answering.
 */
function bodyEndBlocked(agent: Agent, ctx: RequestContext, req: IncomingMessage): void {
  if (ctx.rawBody() === undefined) return;
  const hit = agent.inspect('input', 'request.body', () => {
    const raw = ctx.rawBody();
    if (raw === undefined || (raw.indexOf('__proto__') === -1 && raw.indexOf('prototype') === -1)) return undefined;
    const found = detectPrototypePollution(ctx.input());
    return found === undefined ? undefined : { kind: 'prototype_pollution' as const, ...found };
  });
  if (hit === undefined) return;
  try {
    agent.handle(
      {
        kind: 'prototype_pollution',
        family: 'input',
        sink: 'request.body',
        source: hit.source as 'body',
        path: hit.path,
        payload: hit.path,
        operation: ctx.rawBody()?.toString('utf8', 0, 512) ?? '',
        reason: 'parsed input carries a prototype key',
      },
      ctx,
    );
  } catch (e) {
    if (!(e instanceof RaspBlockedError)) throw e;
    if (req.listenerCount('error') > 0) req.emit('error', e);
    else respondBlocked(ctx.res);
  }
}

let unhandledHooked = false;

/** A blocked call in an async handler nobody awaited (Express 4, plain node:http) is answered 403, not a crash. */
function hookUnhandledBlocked(): void {
  if (unhandledHooked) return;
  unhandledHooked = true;
  process.on('unhandledRejection', function raspUnhandledRejection(reason) {
    if (isRaspBlockedError(reason)) {
      respondBlocked((reason as unknown as Record<symbol, ServerResponse | undefined>)[kResponse]);
      return;
    }
    // Keep Node's default (crash on an unhandled rejection) when the app has no handler of its own.
    if (process.listenerCount('unhandledRejection') === 1) throw reason;
  });
}
