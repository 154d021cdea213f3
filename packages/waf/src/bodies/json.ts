/**
 * JSON request bodies, flattened into arguments the way ModSecurity v3 names them: `json.user.name`, array elements
 * `json.ids.array_0`. Input is a byte string; it is decoded as UTF-8 to parse and values go back to bytes.
 */
import { type ParsedBody, emptyBody } from './body.js';

const MAX_DEPTH = 512;

export function parseJsonBody(bytes: string): ParsedBody {
  const body = emptyBody();
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(bytes, 'latin1').toString('utf8'));
  } catch (e) {
    body.error = `JSON parsing error: ${(e as Error).message}`;
    return body;
  }
  try {
    flatten(doc, 'json', body.args, 0);
  } catch (e) {
    body.error = (e as Error).message;
  }
  return body;
}

function toBytes(s: string): string {
  return /[^\x00-\x7f]/.test(s) ? Buffer.from(s, 'utf8').toString('latin1') : s;
}

function flatten(v: unknown, path: string, out: [string, string][], depth: number): void {
  if (depth > MAX_DEPTH) throw new Error('JSON nesting too deep');
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) flatten(v[i], `${path}.array_${i}`, out, depth + 1);
    return;
  }
  if (v !== null && typeof v === 'object') {
    for (const [k, item] of Object.entries(v)) flatten(item, `${path}.${toBytes(k)}`, out, depth + 1);
    return;
  }
  out.push([path, v === null ? '' : toBytes(String(v))]);
}
