/** application/x-www-form-urlencoded (and query strings): `&`-separated `name=value`, both URL-decoded. */
import { urlDecode } from '../transformations/url.js';

export function parseUrlEncoded(text: string, out: [string, string][]): void {
  if (text === '') return;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq < 0) out.push([urlDecode(pair), '']);
    else out.push([urlDecode(pair.slice(0, eq)), urlDecode(pair.slice(eq + 1))]);
  }
}
