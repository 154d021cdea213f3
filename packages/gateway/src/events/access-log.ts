/**
 * The access log: one ECS JSON line per request, written through a sonic-boom destination of pino (asynchronous,
 * buffered) so that logging never blocks the hot path. Built by hand rather than through a logger call because the
 * line is fixed and hot.
 */
import { pino } from 'pino';

export interface AccessEntry {
  start: number;
  method: string;
  url: string;
  host: string;
  status: number;
  clientIp: string;
  requestId: string;
  route: string;
  user: string | undefined;
  bytesOut: number;
  userAgent: string | undefined;
}

export class AccessLog {
  private readonly dest: ReturnType<typeof pino.destination>;

  constructor(path: string | undefined) {
    this.dest = pino.destination({ dest: path ?? 1, sync: false, minLength: 4096 });
  }

  write(e: AccessEntry, service: string): void {
    const now = Date.now();
    const q = e.url.indexOf('?');
    const line = {
      '@timestamp': new Date(now).toISOString(),
      'event.kind': 'event',
      'event.category': ['web'],
      'event.dataset': 'gateway.access',
      'event.outcome': e.status < 400 ? 'success' : 'failure',
      'event.duration': (now - e.start) * 1e6,
      'service.name': service,
      'source.ip': e.clientIp,
      'http.request.method': e.method,
      'http.request.id': e.requestId,
      'http.response.status_code': e.status,
      'http.response.body.bytes': e.bytesOut,
      'url.path': q === -1 ? e.url : e.url.slice(0, q),
      'url.domain': e.host,
      'user.name': e.user,
      'user_agent.original': e.userAgent,
      'rampart.gateway.route': e.route,
    };
    this.dest.write(`${JSON.stringify(line)}\n`);
  }

  close(): void {
    try {
      this.dest.flushSync();
    } catch {
      // Not yet open: nothing buffered.
    }
    this.dest.end();
  }
}
