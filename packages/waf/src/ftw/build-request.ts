/**
 * Turns a go-ftw stage input into the bytes go-ftw sends: request line, headers sorted by name, the body rendered
 * (`{{ "x" | repeat N }}` templates), with go-ftw's header autocompletion (Content-Type, urlencoding of form bodies,
 * Connection, Content-Length) unless `autocomplete_headers: false`; `encoded_request` is sent as is.
 */
import type { FtwInput } from './test-file.js';

export function renderTemplate(data: string): string {
  return data.replace(/\{\{\s*"([^"]*)"\s*\|\s*repeat\s+(\d+)\s*\}\}/g, (_m, s: string, n: string) =>
    s.repeat(Number(n)),
  );
}

/** Go's url.QueryEscape over UTF-8 bytes. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function buildFtwRequest(input: FtwInput): Buffer {
  if (input.encodedRequest !== undefined) return Buffer.from(input.encodedRequest, 'base64');
  const headers = input.headers.map(([k, v]) => [k, v] as [string, string]);
  const has = (name: string) => headers.some(([k]) => k.toLowerCase() === name);
  let body = input.data === undefined ? '' : renderTemplate(input.data);
  const ct = headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  if (ct?.includes('multipart/form-data;')) body = body.replace(/\n/g, '\r\n');
  if (input.autocompleteHeaders) {
    if (body !== '' && ct === undefined) headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
    const effective = headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    if (
      effective === 'application/x-www-form-urlencoded' &&
      body !== '' &&
      !body.includes('%') &&
      !body.includes('+')
    ) {
      body = body
        .split('&')
        .map((pair) => {
          const eq = pair.indexOf('=');
          return eq < 0 ? queryEscape(pair) : `${queryEscape(pair.slice(0, eq))}=${queryEscape(pair.slice(eq + 1))}`;
        })
        .join('&');
    }
    if (!has('connection')) headers.push(['Connection', 'close']);
    const needsLength = body !== '' || ['POST', 'PUT', 'PATCH', 'DELETE'].includes(input.method.toUpperCase());
    if (!has('content-length') && needsLength)
      headers.push(['Content-Length', String(Buffer.byteLength(body, 'utf8'))]);
  }
  headers.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let head = `${input.method} ${input.uri} ${input.version}\r\n`;
  for (const [k, v] of headers) head += `${k}: ${v}\r\n`;
  return Buffer.concat([Buffer.from(`${head}\r\n`, 'utf8'), Buffer.from(body, 'utf8')]);
}
