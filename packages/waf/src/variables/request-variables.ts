/**
 * Fills a transaction's collections from the request line and headers (phase 1) and from the parsed body (phase 2),
 * with ModSecurity's names: REQUEST_FILENAME is the path without the query, REQUEST_BASENAME its last segment, ARGS
 * the union of ARGS_GET and ARGS_POST, cookies split from every Cookie header.
 */
import type { ParsedBody } from '../bodies/body.js';
import { parseUrlEncoded } from '../bodies/urlencoded.js';
import type { WafRequest } from '../engine/types.js';
import { Collection } from './collection.js';
import { COLLECTION_NAMES } from './names.js';

export interface RequestVariables {
  singles: Map<string, string>;
  collections: Map<string, Collection>;
  /** The same collections by slot (VariableSpec.slot), for the hot path. */
  bySlot: Collection[];
}

export { COLLECTION_NAMES } from './names.js';

export function newRequestVariables(): RequestVariables {
  const collections = new Map<string, Collection>();
  const bySlot: Collection[] = [];
  for (const n of COLLECTION_NAMES) {
    const c = new Collection(n);
    collections.set(n, c);
    bySlot.push(c);
  }
  return { singles: new Map(), collections, bySlot };
}

function col(v: RequestVariables, name: string): Collection {
  return v.collections.get(name) as Collection;
}

export function addArg(v: RequestVariables, source: 'GET' | 'POST', name: string, value: string): void {
  col(v, 'ARGS').add(name, value);
  col(v, 'ARGS_NAMES').add(name, name);
  col(v, `ARGS_${source}`).add(name, value);
  col(v, `ARGS_${source}_NAMES`).add(name, name);
}

export function fillRequestLine(v: RequestVariables, req: WafRequest): void {
  const s = v.singles;
  const uri = req.uri;
  const q = uri.indexOf('?');
  let path = q < 0 ? uri : uri.slice(0, q);
  // An absolute-form target (`http://host/path`) names the path after the authority.
  const abs = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*/.exec(path);
  if (abs !== null) path = path.slice(abs[0].length) || '/';
  const query = q < 0 ? '' : uri.slice(q + 1);
  s.set('REQUEST_METHOD', req.method);
  s.set('REQUEST_PROTOCOL', req.protocol);
  s.set('REQUEST_URI_RAW', uri);
  s.set('REQUEST_URI', uri);
  s.set('REQUEST_LINE', `${req.method} ${uri} ${req.protocol}`);
  // As ModSecurity: the path is percent-decoded (not `+`), the query string and REQUEST_URI stay raw.
  const filename = percentDecode(path);
  s.set('REQUEST_FILENAME', filename);
  s.set('REQUEST_BASENAME', filename.slice(filename.lastIndexOf('/') + 1));
  s.set('QUERY_STRING', query);
  s.set('REMOTE_ADDR', req.remoteAddr);
  s.set('REMOTE_HOST', req.remoteAddr);
  s.set('REMOTE_PORT', String(req.remotePort ?? 0));
  s.set('SERVER_PORT', '80');
  s.set('REQBODY_ERROR', '0');
  s.set('REQBODY_PROCESSOR_ERROR', '0');
  s.set('MULTIPART_STRICT_ERROR', '0');
  s.set('MULTIPART_UNMATCHED_BOUNDARY', '0');
  s.set('INBOUND_DATA_ERROR', '0');
  s.set('OUTBOUND_DATA_ERROR', '0');
  s.set('URLENCODED_ERROR', '0');
  const args: [string, string][] = [];
  parseUrlEncoded(query, args);
  for (const [k, val] of args) addArg(v, 'GET', k, val);
  const headers = col(v, 'REQUEST_HEADERS');
  const names = col(v, 'REQUEST_HEADERS_NAMES');
  const cookies = col(v, 'REQUEST_COOKIES');
  const cookieNames = col(v, 'REQUEST_COOKIES_NAMES');
  for (const [name, value] of req.headers) {
    headers.add(name, value);
    names.add(name, name);
    const lower = name.toLowerCase();
    if (lower === 'cookie') {
      for (const part of value.split(';')) {
        const t = part.replace(/^[ \t]+/, '');
        if (t === '') continue;
        const eq = t.indexOf('=');
        const cn = eq < 0 ? t : t.slice(0, eq);
        cookies.add(cn, eq < 0 ? '' : t.slice(eq + 1));
        cookieNames.add(cn, cn);
      }
    } else if (lower === 'host') s.set('SERVER_NAME', value.replace(/:\d+$/, ''));
    else if (lower === 'content-type') s.set('REQUEST_CONTENT_TYPE', value);
  }
}

function percentDecode(s: string): string {
  return s.includes('%')
    ? s.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    : s;
}

export function fillBody(v: RequestVariables, raw: string, body: ParsedBody | undefined, length: number): void {
  const s = v.singles;
  s.set('REQUEST_BODY', raw);
  s.set('REQUEST_BODY_LENGTH', String(length));
  if (body === undefined) return;
  for (const [k, val] of body.args) addArg(v, 'POST', k, val);
  let combinedFiles = 0;
  for (const f of body.files) {
    col(v, 'FILES').add(f.field, f.filename);
    col(v, 'FILES_NAMES').add(f.field, f.field);
    col(v, 'FILES_SIZES').add(f.field, String(f.size));
    combinedFiles += f.size;
  }
  s.set('FILES_COMBINED_SIZE', String(combinedFiles));
  for (const [k, val] of body.partHeaders) col(v, 'MULTIPART_PART_HEADERS').add(k, val);
  for (const [path, x] of body.xml) col(v, 'XML').add(path, x);
  if (body.error !== undefined) {
    s.set('REQBODY_ERROR', '1');
    s.set('REQBODY_PROCESSOR_ERROR', '1');
    s.set('REQBODY_ERROR_MSG', body.error);
    if (s.get('REQBODY_PROCESSOR') === 'MULTIPART') s.set('MULTIPART_STRICT_ERROR', '1');
  }
}

export function argsCombinedSize(v: RequestVariables): number {
  let n = 0;
  for (const e of col(v, 'ARGS').entries) n += e.key.length + e.value.length;
  return n;
}
