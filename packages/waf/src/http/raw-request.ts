/**
 * Parses one raw HTTP/1.x request (bytes as received) into a WafRequest, leniently, the way a WAF must see hostile
 * input: the request line split on blanks (a URI may hold spaces), header lines `Name: value` (obs-fold joined),
 * the body by Transfer-Encoding: chunked, else Content-Length, else the rest of the bytes.
 */
import { RampartError } from '@rampart/core';
import type { WafRequest } from '../engine/types.js';

export function parseRawRequest(raw: Uint8Array, remoteAddr = '127.0.0.1', source = '<stdin>'): WafRequest {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  let headEnd = text.indexOf('\r\n\r\n');
  let sepLen = 4;
  if (headEnd < 0) {
    headEnd = text.indexOf('\n\n');
    sepLen = 2;
  }
  const head = headEnd < 0 ? text : text.slice(0, headEnd);
  const rest = headEnd < 0 ? '' : text.slice(headEnd + sepLen);
  const lines = head.split(/\r?\n/);
  while (lines.length > 0 && lines[0] === '') lines.shift();
  const requestLine = lines.shift();
  if (requestLine === undefined || requestLine.trim() === '')
    throw new RampartError('INPUT_INVALID', 'no HTTP request line in the input', { file: source, line: 1 });
  const parts = requestLine.replace(/^[ \t]+/, '').split(' ');
  if (parts.length < 2)
    throw new RampartError('INPUT_INVALID', `invalid HTTP request line "${requestLine.slice(0, 80)}"`, {
      file: source,
      line: 1,
    });
  const method = parts[0] as string;
  let protocol = '';
  let uriParts = parts.slice(1);
  const last = parts[parts.length - 1] as string;
  if (parts.length >= 3 && /^[A-Za-z]+[/\\]/.test(last)) {
    protocol = last;
    uriParts = parts.slice(1, -1);
  }
  const headers: [string, string][] = [];
  for (const line of lines) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && headers.length > 0) {
      const h = headers[headers.length - 1] as [string, string];
      h[1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const body = decodeBody(rest, headers);
  const req: WafRequest = { method, uri: uriParts.join(' '), protocol: protocol || 'HTTP/0.9', headers, remoteAddr };
  if (body.length > 0) req.body = Buffer.from(body, 'latin1');
  return req;
}

function header(headers: [string, string][], name: string): string | undefined {
  return headers.find(([k]) => k.toLowerCase() === name)?.[1];
}

function decodeBody(rest: string, headers: [string, string][]): string {
  const te = header(headers, 'transfer-encoding');
  if (te !== undefined && /chunked/i.test(te)) return dechunk(rest);
  const cl = header(headers, 'content-length');
  if (cl !== undefined && /^\d+$/.test(cl.trim())) return rest.slice(0, Number(cl.trim()));
  return rest;
}

function dechunk(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const eol = s.indexOf('\n', i);
    if (eol < 0) break;
    const size = Number.parseInt(s.slice(i, eol).trim().split(';')[0] ?? '', 16);
    if (!Number.isFinite(size) || size <= 0) break;
    out += s.slice(eol + 1, eol + 1 + size);
    i = eol + 1 + size;
    if (s[i] === '\r') i++;
    if (s[i] === '\n') i++;
  }
  return out;
}
