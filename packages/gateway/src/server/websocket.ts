/**
 * WebSocket (and any `Upgrade`) pass-through: the route must say `websocket: true` and the request passes the same
 * strict checks, authentication, authorization and rate limit as any other; then the request head is replayed to a
 * target over a fresh socket and bytes are piped both ways, the upstream's `101` included.
 */
import type { IncomingMessage } from 'node:http';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Duplex } from 'node:stream';
import { authenticate } from '../auth/authenticate.js';
import type { Identity } from '../auth/identity.js';
import { rawProblem } from '../http/problem.js';
import { checkRequest } from '../http/strict.js';
import type { GatewayContext } from '../pipeline/context.js';
import type { DenialFacts } from '../events/denial.js';
import { clientAddress, upstreamHeaders } from '../proxy/forwarded.js';
import { hostName } from '../router/route-table.js';

export function createUpgradeHandler(
  ctx: GatewayContext,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    handle(ctx, req, socket as Socket, head).catch(() => socket.destroy());
  };
}

async function handle(ctx: GatewayContext, req: IncomingMessage, socket: Socket, head: Buffer): Promise<void> {
  const rt = ctx.runtime();
  socket.on('error', () => socket.destroy());
  const peer = socket.remoteAddress ?? '';
  const clientIp = clientAddress(peer, req.headers['x-forwarded-for'] as string | undefined, rt.trusted);
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const host = hostName(req.headers.host);
  const refuse = (facts: Omit<DenialFacts, 'method' | 'path' | 'host' | 'clientIp'>) => {
    ctx.metrics.denials.inc({ stage: facts.stage, route: facts.route ?? '' });
    ctx.denied({ ...facts, method: req.method ?? 'GET', path, host, clientIp });
    socket.end(rawProblem(facts.status));
  };
  const rejection = checkRequest(req, rt.config.limits);
  if (rejection !== undefined)
    return refuse({ stage: 'strict', rule: rejection.rule, reason: rejection.detail, status: rejection.status });
  const found = rt.table.find(host, req.method ?? 'GET', path);
  if (found.kind !== 'found' || !found.route.cfg.websocket) {
    return refuse({
      stage: 'route',
      rule: 'route.no-upgrade',
      reason: `no websocket route for ${host}${path}`,
      status: 404,
    });
  }
  const route = found.route;
  let identity: Identity | undefined;
  if (route.auth.length > 0) {
    const a = await authenticate(req, route.auth);
    if (!a.ok)
      return refuse({
        stage: 'authn',
        rule: `authn.${a.authenticator ?? 'none'}`,
        reason: a.reason,
        status: 401,
        route: route.name,
      });
    identity = a.identity;
  }
  const decision = route.authorize(identity, {
    method: req.method ?? 'GET',
    path,
    host,
    headers: req.headers,
    query: Object.fromEntries(new URLSearchParams(q === -1 ? '' : url.slice(q + 1))),
    params: found.params,
    clientIp,
  });
  if (!decision.allow)
    return refuse({ stage: 'authz', rule: `authz.${decision.rule}`, reason: 'denied', status: 403, route: route.name });
  if (route.limiter !== undefined) {
    const d = await route.limiter.decide({ identity, clientIp, headers: req.headers });
    if (!d.allowed)
      return refuse({
        stage: 'ratelimit',
        rule: 'ratelimit.exceeded',
        reason: d.key,
        status: d.status,
        route: route.name,
      });
  }
  const target = route.upstream.pick(Date.now());
  if (target === undefined)
    return refuse({
      stage: 'upstream',
      rule: 'upstream.no-healthy-target',
      reason: route.upstream.name,
      status: 503,
      route: route.name,
    });
  const u = new URL(target.origin);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const tlsOpts = route.upstream.config.tls;
  const upstream =
    u.protocol === 'https:'
      ? tlsConnect({
          host: u.hostname,
          port,
          servername: tlsOpts?.serverName ?? u.hostname,
          rejectUnauthorized: tlsOpts?.insecureSkipVerify !== true,
        })
      : netConnect({ host: u.hostname, port });
  const headers = upstreamHeaders(req.rawHeaders, {
    clientIp,
    proto: ctx.proto(req),
    host: req.headers.host ?? '',
    requestId: typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : crypto.randomUUID(),
    trusted: rt.trusted.has(peer),
  });
  let lines = `${req.method} ${url} HTTP/1.1\r\n`;
  for (let i = 0; i < headers.length; i += 2) lines += `${headers[i]}: ${headers[i + 1]}\r\n`;
  // Hop-by-hop headers were stripped; the upgrade itself is what this hop is for.
  lines += `connection: Upgrade\r\nupgrade: ${String(req.headers.upgrade ?? 'websocket')}\r\n\r\n`;
  upstream.once(u.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
    upstream.write(lines);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', () => {
    if (socket.bytesWritten === 0) socket.end(rawProblem(502));
    else socket.destroy();
  });
  upstream.on('close', () => socket.destroy());
  socket.on('close', () => upstream.destroy());
}
