/**
 * Request headers for the upstream: hop-by-hop headers removed (RFC 9110 §7.6.1, plus every name listed in
 * `Connection`; undici refuses `connection`, `keep-alive`, `transfer-encoding` and `upgrade` anyway), inbound
 * `Forwarded`/`X-Forwarded-*` kept only from a trusted proxy, our own appended, and `X-Request-Id` set.
 * Works on `rawHeaders` (a flat array) so names keep their case and duplicates survive.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);
const FORWARDING = new Set([
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-real-ip',
]);

export class TrustedProxies {
  private readonly list = new BlockList();
  readonly empty: boolean;

  constructor(cidrs: readonly string[]) {
    for (const c of cidrs) {
      const [addr, bits] = c.split('/') as [string, string | undefined];
      const type = isIPv6(addr) ? 'ipv6' : 'ipv4';
      if (!isIPv4(addr) && !isIPv6(addr)) throw new Error(`trustedProxies: "${c}" is not an IP or CIDR`);
      if (bits === undefined) this.list.addAddress(addr, type);
      else this.list.addSubnet(addr, Number(bits), type);
    }
    this.empty = cidrs.length === 0;
  }

  has(ip: string): boolean {
    if (this.empty || ip === '') return false;
    const v4mapped = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
    return isIPv4(v4mapped) ? this.list.check(v4mapped, 'ipv4') : this.list.check(ip, 'ipv6');
  }
}

export interface ForwardInfo {
  clientIp: string;
  proto: 'http' | 'https';
  host: string;
  requestId: string;
  trusted: boolean;
  /** Extra request headers (identity propagation). */
  extra?: readonly string[];
  /** Skip `accept-encoding` so that DLP sees plain bodies. */
  identityEncoding?: boolean;
}

/** Flat `[name, value, ...]` for undici. */
export function upstreamHeaders(raw: readonly string[], info: ForwardInfo): string[] {
  const out: string[] = [];
  let connectionListed: Set<string> | undefined;
  let priorXff: string | undefined;
  let priorForwarded: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const lower = name.toLowerCase();
    if (lower === 'connection') {
      connectionListed ??= new Set();
      for (const t of (raw[i + 1] as string).split(',')) connectionListed.add(t.trim().toLowerCase());
    }
  }
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || connectionListed?.has(lower) === true) continue;
    if (lower === 'x-request-id') continue;
    if (info.identityEncoding === true && lower === 'accept-encoding') continue;
    if (FORWARDING.has(lower)) {
      if (!info.trusted) continue;
      if (lower === 'x-forwarded-for') {
        priorXff = priorXff === undefined ? value : `${priorXff}, ${value}`;
        continue;
      }
      if (lower === 'forwarded') {
        priorForwarded = priorForwarded === undefined ? value : `${priorForwarded}, ${value}`;
        continue;
      }
    }
    out.push(name, value);
  }
  const forNode = info.clientIp.includes(':') ? `"[${info.clientIp}]"` : info.clientIp;
  const own = `for=${forNode};proto=${info.proto};host="${info.host.replace(/["\\]/g, '')}"`;
  out.push('host', info.host);
  out.push('forwarded', priorForwarded === undefined ? own : `${priorForwarded}, ${own}`);
  out.push('x-forwarded-for', priorXff === undefined ? info.clientIp : `${priorXff}, ${info.clientIp}`);
  if (!info.trusted) out.push('x-forwarded-proto', info.proto, 'x-forwarded-host', info.host);
  out.push('x-request-id', info.requestId);
  if (info.identityEncoding === true) out.push('accept-encoding', 'identity');
  if (info.extra !== undefined) for (const h of info.extra) out.push(h);
  return out;
}

/** The client as seen through trusted proxies: the right-most untrusted address of X-Forwarded-For. */
export function clientAddress(peer: string, xff: string | undefined, trusted: TrustedProxies): string {
  if (xff === undefined || !trusted.has(peer)) return peer;
  const hops = xff.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const ip = (hops[i] as string).trim();
    if (!trusted.has(ip)) return ip;
  }
  return (hops[0] as string).trim() || peer;
}

/** Response headers from undici → for `res.writeHead`, hop-by-hop removed. */
export function downstreamHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  let listed: string[] | undefined;
  const conn = headers.connection;
  if (conn !== undefined)
    listed = String(conn)
      .split(',')
      .map((t) => t.trim().toLowerCase());
  for (const name in headers) {
    const v = headers[name];
    if (v === undefined || HOP_BY_HOP.has(name) || listed?.includes(name) === true) continue;
    out[name] = v;
  }
  return out;
}
