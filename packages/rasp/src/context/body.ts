/**
 * Parses a captured request body the way the app's own parser will have seen it, so the agent knows the user input even
 * when a framework keeps its parsed body out of reach (Hono, raw node:http). Never throws: an unparsable body is kept as
 * text, which is still user input.
 */
import { parseMultipart } from './multipart.js';
import { expandBrackets } from './user-input.js';

export function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json')) {
    const text = raw.toString('utf8');
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const out: Record<string, string | string[]> = Object.create(null);
    const pairs = [...new URLSearchParams(raw.toString('utf8'))];
    for (const [k, v] of pairs) {
      const prev = out[k];
      out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    // Bracketed keys (`user[$ne]=`) become objects in qs-style parsers: keep both readings.
    const nested = expandBrackets(pairs);
    return nested === undefined ? out : [out, nested];
  }
  if (type.startsWith('multipart/form-data')) {
    const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
    const boundary = m?.[1] ?? m?.[2];
    if (boundary !== undefined) return parseMultipart(raw, boundary);
  }
  return raw.toString('utf8');
}
