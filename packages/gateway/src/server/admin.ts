/**
 * The admin listener, apart from the proxied traffic: `/healthz` (the process is alive), `/readyz` (serving, not
 * draining, every upstream has a target up) and `/metrics` (Prometheus text).
 */
import { createServer, type Server } from 'node:http';

export interface AdminSources {
  ready(): { ready: boolean; reason?: string };
  metrics(): Promise<{ contentType: string; body: string }>;
}

export function createAdminServer(src: AdminSources): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (path === '/readyz') {
      const r = src.ready();
      res.writeHead(r.ready ? 200 : 503, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          status: r.ready ? 'ready' : 'not-ready',
          ...(r.reason === undefined ? {} : { reason: r.reason }),
        }),
      );
    } else if (path === '/metrics') {
      src.metrics().then(
        (m) => res.writeHead(200, { 'content-type': m.contentType }).end(m.body),
        () => res.writeHead(500).end(),
      );
    } else {
      res.writeHead(404).end();
    }
  });
}
