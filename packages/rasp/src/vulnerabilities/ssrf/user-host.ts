/**
 * Does the user control the host of an outbound URL? Yes when one of the request's input strings is that host, or a URL
 * or `host[:port][/path]` whose parsed host it is, after the URL parser's normalisation (`http://0x7f.1/`, `2130706433`).
 * A mere substring is not enough: an internal service name appearing in some text must not look user-chosen.
 */
import type { InputString } from '../../context/user-input.js';
import { TRANSPORT_HEADERS } from '../../context/user-input.js';

export function userInputNamingHost(hostname: string, inputs: readonly InputString[]): InputString | undefined {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === '') return undefined;
  for (const input of inputs) {
    if (input.source === 'headers' && TRANSPORT_HEADERS.has(input.path)) continue;
    const v = input.value;
    if (v.length > 2048) continue;
    const lower = v.toLowerCase();
    if (lower === host) return input;
    if (!lower.includes(host) && !/^[\w:/.[\]@-]*\d/.test(lower)) continue; // numeric spellings may not contain it
    if (lower.includes('://') ? parsedHost(v) === host : parsedHost(`http://${v}`) === host) return input;
  }
  return undefined;
}

function parsedHost(s: string): string | undefined {
  try {
    return new URL(s).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}
