/**
 * Addresses an outbound request must not reach on behalf of a user: loopback, private (RFC 1918, ULA), link-local (incl.
 * the cloud metadata endpoints 169.254.169.254 and fd00:ec2::254), carrier-grade NAT, "this network", and IPv4 mapped or
 * embedded in IPv6. Hostnames are judged after the WHATWG URL parser normalised them (`2130706433` → `127.0.0.1`).
 */
import { isIP } from 'node:net';

/** [network, prefix length] for IPv4. */
const V4_RANGES: ReadonlyArray<[number, number]> = [
  [ip4('0.0.0.0'), 8],
  [ip4('10.0.0.0'), 8],
  [ip4('100.64.0.0'), 10],
  [ip4('127.0.0.0'), 8],
  [ip4('169.254.0.0'), 16],
  [ip4('172.16.0.0'), 12],
  [ip4('192.0.0.0'), 24],
  [ip4('192.168.0.0'), 16],
  [ip4('198.18.0.0'), 15],
  [ip4('224.0.0.0'), 4],
  [ip4('240.0.0.0'), 4],
];

/** Names that point at the instance metadata service or the host itself without DNS. */
const PRIVATE_NAMES: ReadonlySet<string> = new Set([
  'localhost',
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
]);

function ip4(s: string): number {
  const p = s.split('.').map(Number);
  return (((p[0] as number) << 24) | ((p[1] as number) << 16) | ((p[2] as number) << 8) | (p[3] as number)) >>> 0;
}

export function isPrivateIPv4(address: string): boolean {
  const v = ip4(address);
  for (const [net, bits] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((v & mask) >>> 0 === net) return true;
  }
  return false;
}

export function isPrivateIPv6(address: string): boolean {
  const a = address
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  if (a === '::1' || a === '::') return true;
  const mapped = /^(?:0*:)*(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(a) ?? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped !== null) return isPrivateIPv4(mapped[1] as string);
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  if (hexMapped !== null) {
    const hi = Number.parseInt(hexMapped[1] as string, 16);
    const lo = Number.parseInt(hexMapped[2] as string, 16);
    return isPrivateIPv4(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  const first = Number.parseInt(a.split(':')[0] || '0', 16);
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local (incl. fd00:ec2::254)
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((first & 0xff00) === 0xff00) return true; // multicast
  return false;
}

/** True when `address` (an IP literal) is not a public unicast address. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address.replace(/^\[|\]$/g, ''));
  if (family === 4) return isPrivateIPv4(address);
  if (family === 6) return isPrivateIPv6(address);
  return false;
}

/** True for hostnames that are private without asking DNS: IP literals in private ranges, localhost and metadata names. */
export function isPrivateHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (PRIVATE_NAMES.has(h) || h.endsWith('.localhost')) return true;
  return isPrivateAddress(h);
}
