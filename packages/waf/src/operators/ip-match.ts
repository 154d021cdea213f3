/** @ipMatch / @ipMatchFromFile: IPv4 and IPv6 addresses and CIDR blocks, compared as bytes. */
import { isIP } from 'node:net';
import { type Operator, OperatorError, type OperatorFactory } from './operator.js';

interface Block {
  bytes: Uint8Array;
  prefix: number;
}

export function ipBytes(ip: string): Uint8Array | undefined {
  const kind = isIP(ip);
  if (kind === 4) return Uint8Array.from(ip.split('.').map(Number));
  if (kind !== 6) return undefined;
  let text = ip;
  let tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4 !== null) {
    const b = (v4[1] as string).split('.').map(Number);
    tail = [((b[0] as number) << 8) | (b[1] as number), ((b[2] as number) << 8) | (b[3] as number)];
    text = text.slice(0, -(v4[1] as string).length).replace(/:$/, ':0');
    if (text.endsWith('::0')) text = text.slice(0, -1);
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const h = head === '' ? [] : head.split(':').map((x) => Number.parseInt(x, 16));
  const r = rest === undefined ? [] : rest === '' ? [] : rest.split(':').map((x) => Number.parseInt(x, 16));
  const groups = [...h, ...new Array(Math.max(0, 8 - h.length - r.length - tail.length)).fill(0), ...r, ...tail];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    out[i * 2] = ((groups[i] ?? 0) >> 8) & 0xff;
    out[i * 2 + 1] = (groups[i] ?? 0) & 0xff;
  }
  return out;
}

function parseBlock(text: string): Block {
  const [addr, bits] = text.split('/') as [string, string | undefined];
  const bytes = ipBytes(addr);
  if (bytes === undefined) throw new OperatorError(`@ipMatch: "${text}" is not an IP address or CIDR block`);
  const prefix = bits === undefined ? bytes.length * 8 : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bytes.length * 8)
    throw new OperatorError(`@ipMatch: invalid prefix length in "${text}"`);
  return { bytes, prefix };
}

function inBlock(ip: Uint8Array, b: Block): boolean {
  if (ip.length !== b.bytes.length) return false;
  let bits = b.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((ip[i] as number) & mask) !== ((b.bytes[i] as number) & mask)) return false;
  }
  return true;
}

function ipOperator(blocks: Block[]): Operator {
  return {
    match(input: string): boolean {
      const ip = ipBytes(input.trim());
      return ip !== undefined && blocks.some((b) => inBlock(ip, b));
    },
  };
}

export const ipMatch: OperatorFactory = (argument) =>
  ipOperator(
    argument
      .split(/[,\s]+/)
      .filter((s) => s !== '')
      .map(parseBlock),
  );

export const ipMatchFromFile: OperatorFactory = (argument, env) =>
  ipOperator(
    env
      .readDataFile(argument.trim())
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map(parseBlock),
  );
