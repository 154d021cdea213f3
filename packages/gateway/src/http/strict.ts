/**
 * Strict request checks on top of Node's parser. llhttp (strict mode, never `insecureHTTPParser`) already rejects
 * CL+TE, duplicate or invalid Content-Length, obs-fold, bare CR/LF and bad header characters; these catch what it lets
 * through: a Transfer-Encoding other than exactly `chunked`, duplicate Host, targets that are not origin-form, dot
 * segments and encoded separators that would let a path slip past the route table, and the count/size limits.
 * Duplicates are read with `headersDistinct`, because `req.headers` silently merges or drops them.
 */
import type { IncomingMessage } from 'node:http';
import type { LimitsConfig } from '../config/types.js';

export interface Rejection {
  status: number;
  /** Stable rule id for the event (`strict.transfer-encoding`, ...). */
  rule: string;
  detail: string;
}

const SUSPICIOUS_PATH = /(?:^|\/)\.\.?(?:\/|$)|%2e|%2f|%5c|%00|\\/i;

export function checkRequest(req: IncomingMessage, limits: LimitsConfig): Rejection | undefined {
  const url = req.url ?? '';
  if (url.length > limits.maxUrlBytes) {
    return { status: 414, rule: 'strict.url-length', detail: `URL of ${url.length} bytes over ${limits.maxUrlBytes}` };
  }
  if (url.charCodeAt(0) !== 47) {
    return { status: 400, rule: 'strict.request-target', detail: 'request target is not origin-form' };
  }
  if (req.rawHeaders.length / 2 > limits.maxHeaders) {
    return {
      status: 431,
      rule: 'strict.header-count',
      detail: `${req.rawHeaders.length / 2} headers over ${limits.maxHeaders}`,
    };
  }
  const headers = req.headers;
  const te = headers['transfer-encoding'];
  if (te !== undefined) {
    const all = req.headersDistinct['transfer-encoding'];
    if (all === undefined || all.length !== 1 || te.trim().toLowerCase() !== 'chunked') {
      return {
        status: 400,
        rule: 'strict.transfer-encoding',
        detail: 'Transfer-Encoding other than a single "chunked"',
      };
    }
    if (headers['content-length'] !== undefined) {
      return { status: 400, rule: 'strict.cl-te', detail: 'Content-Length with Transfer-Encoding' };
    }
  }
  const cl = req.headersDistinct['content-length'];
  if (cl !== undefined && (cl.length !== 1 || !/^\d{1,15}$/.test(cl[0] as string))) {
    return { status: 400, rule: 'strict.content-length', detail: 'duplicate or invalid Content-Length' };
  }
  const host = req.headersDistinct.host;
  if (host === undefined || host.length !== 1 || host[0] === '') {
    return { status: 400, rule: 'strict.host', detail: 'missing or duplicate Host' };
  }
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (SUSPICIOUS_PATH.test(path) || path.includes('//')) {
    return { status: 400, rule: 'strict.path', detail: 'dot segment, empty segment or encoded separator in path' };
  }
  if (cl !== undefined && Number(cl[0]) > limits.maxBodyBytes) {
    return { status: 413, rule: 'strict.body-size', detail: `Content-Length ${cl[0]} over ${limits.maxBodyBytes}` };
  }
  return undefined;
}

/** Maps a Node parser error (from `clientError`) to a status and rule. */
export function parserRejection(code: string | undefined): Rejection {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, rule: 'strict.header-size', detail: 'request header block too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return { status: 408, rule: 'strict.slow-client', detail: 'request not received in time' };
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_CONTENT_LENGTH':
      return { status: 400, rule: 'strict.smuggling', detail: `request framing rejected (${code})` };
    default:
      return { status: 400, rule: 'strict.parse', detail: `malformed request (${code ?? 'unknown'})` };
  }
}
