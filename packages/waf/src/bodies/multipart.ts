/**
 * multipart/form-data: parts split on the boundary from the Content-Type; fields without a filename become arguments,
 * with one they become FILES; every part header is kept for MULTIPART_PART_HEADERS. Malformed bodies set the error.
 */
import { type ParsedBody, emptyBody } from './body.js';

export function multipartBoundary(contentType: string): string | undefined {
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^;,\s]+))/i.exec(contentType);
  return m === null ? undefined : (m[1] ?? m[2]);
}

export function parseMultipart(bytes: string, contentType: string): ParsedBody {
  const body = emptyBody();
  const boundary = multipartBoundary(contentType);
  if (boundary === undefined) {
    body.error = 'multipart: no boundary in Content-Type';
    return body;
  }
  const delimiter = `--${boundary}`;
  let pos = bytes.indexOf(delimiter);
  if (pos < 0) {
    body.error = 'multipart: boundary not found in body';
    return body;
  }
  let closed = false;
  while (pos >= 0) {
    pos += delimiter.length;
    if (bytes.startsWith('--', pos)) {
      closed = true;
      break;
    }
    const next = bytes.indexOf(`\n${delimiter}`, pos);
    const end = next < 0 ? bytes.length : next;
    parsePart(bytes.slice(skipLineEnd(bytes, pos), end > 0 && bytes[end - 1] === '\r' ? end - 1 : end), body);
    pos = next < 0 ? -1 : next + 1;
  }
  if (!closed) body.error ??= 'multipart: final boundary missing';
  return body;
}

function skipLineEnd(s: string, i: number): number {
  if (s[i] === '\r' && s[i + 1] === '\n') return i + 2;
  if (s[i] === '\n') return i + 1;
  return i;
}

function parsePart(part: string, body: ParsedBody): void {
  let sep = part.indexOf('\r\n\r\n');
  let sepLen = 4;
  if (sep < 0) {
    sep = part.indexOf('\n\n');
    sepLen = 2;
  }
  if (sep < 0) {
    body.error ??= 'multipart: part without header/body separator';
    return;
  }
  const headerLines = part
    .slice(0, sep)
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const value = part.slice(sep + sepLen);
  let name: string | undefined;
  let filename: string | undefined;
  for (const line of headerLines) {
    if (/^content-disposition\s*:/i.test(line)) {
      name = dispositionParam(line, 'name');
      filename = dispositionParam(line, 'filename');
    }
  }
  if (name === undefined) {
    body.error ??= 'multipart: part without a name';
    return;
  }
  for (const line of headerLines) body.partHeaders.push([name, line]);
  if (filename !== undefined) body.files.push({ field: name, filename, size: value.length });
  else body.args.push([name, value]);
}

function dispositionParam(line: string, param: string): string | undefined {
  const re = new RegExp(`;\\s*${param}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i');
  const m = re.exec(line);
  if (m === null) return undefined;
  // Inside quotes only `\"` and `\\` are escapes (as ModSecurity reads them); other backslashes stay (`..\1.7z`).
  return m[1] !== undefined ? m[1].replace(/\\(["\\])/g, '$1') : (m[2] as string);
}
