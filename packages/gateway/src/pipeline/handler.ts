/**
 * The request pipeline: strict checks → route → authn → authz → rate limit → (body) → WAF → OpenAPI → upstream →
 * (DLP) → client. Each denial answers with a plain problem+json of its status, emits one event with the full reason,
 * and counts in the metrics. Routes with nothing but proxying skip every stage synchronously.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { authenticate, challenge } from '../auth/authenticate.js';
import type { Identity } from '../auth/identity.js';
import type { RequestFacts } from '../authz/authorize.js';
import type { DenialFacts, DenialStage } from '../events/denial.js';
import { checkRequest } from '../http/strict.js';
import { sendProblem } from '../http/problem.js';
import { clientAddress, upstreamHeaders } from '../proxy/forwarded.js';
import { forward, type ForwardRequest } from '../proxy/forward.js';
import { rateLimitHeaders } from '../ratelimit/limiter.js';
import { hostName } from '../router/route-table.js';
import type { WafRequest } from '../waf/stage.js';
import { BodyTooLarge, hasBody, LimitedBody, readBody } from './body.js';
import type { GatewayContext } from './context.js';
import type { CompiledRoute, Runtime } from './runtime.js';
import { DirectTarget, DlpTarget } from './targets.js';

export interface RequestState {
  rt: Runtime;
  req: IncomingMessage;
  res: ServerResponse;
  start: number;
  requestId: string;
  clientIp: string;
  host: string;
  path: string;
  route: CompiledRoute | undefined;
  identity: Identity | undefined;
}

export function createRequestHandler(ctx: GatewayContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const rt = ctx.runtime();
    rt.inflight++;
    const peer = req.socket.remoteAddress ?? '';
    const trusted = rt.trusted.has(peer);
    const inboundId = trusted ? req.headers['x-request-id'] : undefined;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const s: RequestState = {
      rt,
      req,
      res,
      start: performance.now(),
      requestId: typeof inboundId === 'string' && inboundId.length <= 128 ? inboundId : randomUUID(),
      clientIp: trusted ? clientAddress(peer, flat(req.headers['x-forwarded-for']), rt.trusted) : peer,
      host: hostName(req.headers.host),
      path: q === -1 ? url : url.slice(0, q),
      route: undefined,
      identity: undefined,
    };
    res.once('close', () => finished(ctx, s));

    const rejection = checkRequest(req, rt.config.limits);
    if (rejection !== undefined) {
      res.shouldKeepAlive = false;
      return deny(ctx, s, 'strict', rejection.rule, rejection.detail, rejection.status);
    }
    const found = rt.table.find(s.host, req.method ?? 'GET', s.path);
    if (found.kind !== 'found') {
      const status = found.kind === 'method-not-allowed' ? 405 : 404;
      const headers = found.kind === 'method-not-allowed' ? { allow: found.allow.join(', ') } : undefined;
      return deny(
        ctx,
        s,
        'route',
        `route.${found.kind}`,
        `no route for ${req.method} ${s.host}${s.path}`,
        status,
        headers,
      );
    }
    s.route = found.route;
    if (found.route.plain) return proxy(ctx, s, hasBody(req) ? 'stream' : null, found.params);
    stages(ctx, s, found.params).catch((e: unknown) => {
      ctx.log('error', `request ${s.requestId}: ${(e as Error).message}`);
      if (!res.headersSent) sendProblem(res, 500, { requestId: s.requestId });
      else res.destroy();
    });
  };
}

async function stages(ctx: GatewayContext, s: RequestState, params: Record<string, string>): Promise<void> {
  const route = s.route as CompiledRoute;
  const { req, res } = s;
  const method = req.method ?? 'GET';
  if (route.auth.length > 0) {
    const a = await authenticate(req, route.auth);
    if (!a.ok) {
      return deny(ctx, s, 'authn', `authn.${a.authenticator ?? 'none'}`, a.reason, 401, {
        'www-authenticate': challenge(route.auth),
      });
    }
    s.identity = a.identity;
  }
  const query =
    s.path.length === (req.url ?? '').length
      ? new URLSearchParams()
      : new URLSearchParams((req.url ?? '').slice(s.path.length + 1));
  const facts: RequestFacts = {
    method,
    path: s.path,
    host: s.host,
    headers: req.headers,
    query: Object.fromEntries(query),
    params,
    clientIp: s.clientIp,
  };
  const decision = route.authorize(s.identity, facts);
  if (!decision.allow) {
    return deny(ctx, s, 'authz', `authz.${decision.rule}`, decision.detail ?? `rule ${decision.rule} denied`, 403);
  }
  if (route.limiter !== undefined) {
    const d = await route.limiter.decide({ identity: s.identity, clientIp: s.clientIp, headers: req.headers });
    if (d.degraded) ctx.metrics.rateLimitDegraded.inc({ route: route.name });
    const headers = rateLimitHeaders(d, route.limiter.policy);
    if (!d.allowed) {
      const why = d.status === 503 ? 'redis unavailable, fail-closed' : `over ${route.limiter.policy} for ${d.key}`;
      return deny(
        ctx,
        s,
        'ratelimit',
        d.status === 503 ? 'ratelimit.store-down' : 'ratelimit.exceeded',
        why,
        d.status,
        headers,
      );
    }
    for (const k in headers) res.setHeader(k, headers[k] as string);
  }
  const view = {
    method,
    path: route.cfg.stripPrefix === undefined ? s.path : stripPrefix(s.path, route.cfg.stripPrefix),
    query,
    headers: req.headers,
  };
  let needsBody = route.waf && hasBody(req);
  if (route.openapi !== undefined) {
    const v = route.openapi.validate(view);
    if (!v.ok) return validationDenied(ctx, s, v.status, v.issues, v.allow);
    needsBody ||= v.needsBody;
  }
  let body: Buffer | null | 'stream' = hasBody(req) ? 'stream' : null;
  if (needsBody) {
    try {
      body = await readBody(req, s.rt.config.limits.maxBodyBytes);
    } catch (e) {
      if (e instanceof BodyTooLarge) return deny(ctx, s, 'strict', 'strict.body-size', e.message, 413);
      throw e;
    }
  }
  if (route.waf && ctx.waf !== undefined) {
    const wreq = wafRequest(s, body instanceof Buffer ? body : undefined);
    const verdict = ctx.waf.evaluateRequest(wreq);
    if (verdict.action === 'block') {
      ctx.sink.send(ctx.waf.verdictToEvent(verdict, wreq));
      return deny(
        ctx,
        s,
        'waf',
        `waf.${verdict.matches[0]?.id ?? 'anomaly'}`,
        `inbound anomaly score ${verdict.inboundScore}`,
        verdict.status ?? 403,
        undefined,
        false,
      );
    }
    if (verdict.action === 'detect' && verdict.matches.length > 0) ctx.sink.send(ctx.waf.verdictToEvent(verdict, wreq));
  }
  if (route.openapi !== undefined && body instanceof Buffer) {
    const v = route.openapi.validateBody(view, body);
    if (!v.ok) return validationDenied(ctx, s, v.status, v.issues);
  }
  proxy(ctx, s, body, params);
}

function proxy(
  ctx: GatewayContext,
  s: RequestState,
  body: Buffer | null | 'stream',
  _params: Record<string, string>,
): void {
  const route = s.route as CompiledRoute;
  const { req, res } = s;
  const url = req.url ?? '/';
  const path = route.cfg.stripPrefix === undefined ? url : stripPrefix(url, route.cfg.stripPrefix);
  const headers = upstreamHeaders(req.rawHeaders, {
    clientIp: s.clientIp,
    proto: ctx.proto(req),
    host: req.headers.host ?? '',
    requestId: s.requestId,
    trusted: s.rt.trusted.has(req.socket.remoteAddress ?? ''),
    identityEncoding: route.dlp !== undefined,
  });
  let limited: LimitedBody | undefined;
  let forwardBody: ForwardRequest['body'] = null;
  if (body === 'stream') {
    if (req.headers['transfer-encoding'] !== undefined) {
      limited = new LimitedBody(s.rt.config.limits.maxBodyBytes);
      req.pipe(limited);
      forwardBody = limited;
    } else {
      forwardBody = req;
    }
  } else if (body !== null) {
    forwardBody = body;
  }
  const hooks = {
    requestId: s.requestId,
    onUpstreamFailure: (status: number, reason: string, started: boolean) => {
      if (limited?.exceeded === true) {
        deny(ctx, s, 'strict', 'strict.body-size', `chunked body over ${s.rt.config.limits.maxBodyBytes} bytes`, 413);
        return;
      }
      const rule =
        status === 503 ? 'upstream.no-healthy-target' : status === 504 ? 'upstream.timeout' : 'upstream.error';
      emit(
        ctx,
        s,
        'upstream',
        rule,
        `${route.upstream.name}: ${reason}${started ? ' (after response start)' : ''}`,
        started ? 502 : status,
      );
    },
  };
  const target =
    route.dlp === undefined
      ? new DirectTarget(res, hooks)
      : new DlpTarget(res, route.dlp, {
          ...hooks,
          onFindings: (matches, action) => {
            const kinds = [...new Set(matches.map((m) => m.detector))].sort();
            const status = action === 'block' ? 502 : 200;
            emit(
              ctx,
              s,
              'dlp',
              `dlp.${kinds.join('+')}`,
              `${matches.length} match(es) in response, action ${action}`,
              status,
              {
                dlp: { action, detectors: kinds, matches: matches.length },
              },
            );
          },
          onUnscanned: (why) => {
            ctx.metrics.dlpUnscanned.inc({ route: route.name });
            ctx.log('warn', `route ${route.name}: response ${s.requestId} passed unscanned: ${why}`);
          },
        });
  forward(route.upstream, { method: req.method ?? 'GET', path, headers, body: forwardBody }, target);
}

function validationDenied(
  ctx: GatewayContext,
  s: RequestState,
  status: number,
  issues: { in: string; message: string; pointer?: string }[],
  allow?: string[],
): void {
  const first = issues[0];
  const reason = issues.map((i) => `${i.in}${i.pointer === undefined ? '' : ` ${i.pointer}`}: ${i.message}`).join('; ');
  emit(ctx, s, 'validation', `openapi.${first?.in ?? 'request'}`, reason, status);
  if (allow !== undefined) s.res.setHeader('allow', allow.join(', '));
  // Validation errors describe the client's own input, so they are returned (RFC 9457 extension member).
  sendProblem(s.res, status, { requestId: s.requestId, errors: issues.slice(0, 20) });
}

export function deny(
  ctx: GatewayContext,
  s: RequestState,
  stage: DenialStage,
  rule: string,
  reason: string,
  status: number,
  headers?: Record<string, string>,
  sendEvent = true,
): void {
  if (sendEvent) emit(ctx, s, stage, rule, reason, status);
  else ctx.metrics.denials.inc({ stage, route: s.route?.name ?? '' });
  sendProblem(s.res, status, { requestId: s.requestId, ...(headers === undefined ? {} : { headers }) });
  // A denied request's body is not read: close after the answer rather than parse what the client keeps sending.
  if (!s.req.complete) s.res.shouldKeepAlive = false;
}

function emit(
  ctx: GatewayContext,
  s: RequestState,
  stage: DenialStage,
  rule: string,
  reason: string,
  status: number,
  extra?: Record<string, unknown>,
): void {
  ctx.metrics.denials.inc({ stage, route: s.route?.name ?? '' });
  const facts: DenialFacts = {
    stage,
    rule,
    reason,
    status,
    requestId: s.requestId,
    method: s.req.method ?? '',
    path: s.path,
    host: s.host,
    clientIp: s.clientIp,
    ...(s.req.socket.remotePort === undefined ? {} : { clientPort: s.req.socket.remotePort }),
    ...(s.route === undefined ? {} : { route: s.route.name }),
    ...(s.identity === undefined ? {} : { user: s.identity.subject }),
    ...(typeof s.req.headers['user-agent'] === 'string' ? { userAgent: s.req.headers['user-agent'] } : {}),
    ...(extra === undefined ? {} : { extra }),
  };
  ctx.denied(facts);
}

function finished(ctx: GatewayContext, s: RequestState): void {
  s.rt.inflight--;
  const status = s.res.headersSent ? s.res.statusCode : 499;
  const route = s.route?.name ?? '';
  const seconds = (performance.now() - s.start) / 1000;
  ctx.metrics.observeRequest(route, s.req.method ?? '', status, seconds);
  ctx.accessLog?.write(
    {
      start: Date.now() - seconds * 1000,
      method: s.req.method ?? '',
      url: s.req.url ?? '',
      host: s.host,
      status,
      clientIp: s.clientIp,
      requestId: s.requestId,
      route,
      user: s.identity?.subject,
      bytesOut: s.res.socket?.bytesWritten ?? 0,
      userAgent: s.req.headers['user-agent'],
    },
    ctx.serviceName,
  );
}

function wafRequest(s: RequestState, body: Buffer | undefined): WafRequest {
  const raw = s.req.rawHeaders;
  const headers: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) headers.push([raw[i] as string, raw[i + 1] as string]);
  return {
    method: s.req.method ?? 'GET',
    uri: s.req.url ?? '/',
    protocol: `HTTP/${s.req.httpVersion}`,
    headers,
    remoteAddr: s.clientIp,
    ...(s.req.socket.remotePort === undefined ? {} : { remotePort: s.req.socket.remotePort }),
    ...(body === undefined ? {} : { body }),
  };
}

function stripPrefix(url: string, prefix: string): string {
  if (!url.startsWith(prefix)) return url;
  const rest = url.slice(prefix.length);
  return rest === '' || rest.startsWith('?') ? `/${rest}` : rest.startsWith('/') ? rest : `/${rest}`;
}

function flat(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}
