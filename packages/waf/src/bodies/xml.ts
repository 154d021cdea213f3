/**
 * XML bodies, best effort (no DTDs, no namespaces): XML:/* yields every text node, XML://@* every attribute value. A body that is
 * not well-formed (unbalanced tags) sets the error, as ModSecurity's XML processor does.
 */
import { type ParsedBody, emptyBody } from './body.js';

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<![^>]*>|<\?[\s\S]*?\?>|<\/\s*([^\s>]+)\s*>|<([^\s/>]+)([^>]*?)(\/?)>|([^<]+)/g;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function parseXmlBody(bytes: string): ParsedBody {
  const body = emptyBody();
  const stack: string[] = [];
  let sawElement = false;
  for (const m of bytes.matchAll(TOKEN)) {
    if (m[1] !== undefined) body.xml.push(['/*', m[1]]);
    else if (m[2] !== undefined) {
      if (stack.pop() !== m[2]) {
        body.error = `XML parsing error: unexpected closing tag </${m[2]}>`;
        return body;
      }
    } else if (m[3] !== undefined) {
      sawElement = true;
      for (const a of (m[4] ?? '').matchAll(ATTR)) body.xml.push(['//@*', decodeEntities(a[2] ?? a[3] ?? '')]);
      if (m[5] !== '/') stack.push(m[3]);
    } else if (m[6] !== undefined && m[6].trim() !== '') body.xml.push(['/*', decodeEntities(m[6])]);
  }
  if (!sawElement || stack.length > 0) body.error = 'XML parsing error: document is not well-formed';
  return body;
}

const NAMED: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

/** XML's predefined and numeric character references; code points above 0x7F become their UTF-8 bytes. */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(quot|amp|lt|gt|apos));/g, (m, hex, dec, name) => {
    if (name !== undefined) return NAMED[name as string] as string;
    const cp = Number.parseInt((hex ?? dec) as string, hex !== undefined ? 16 : 10);
    if (!Number.isFinite(cp) || cp > 0x10ffff) return m;
    return Buffer.from(String.fromCodePoint(cp), 'utf8').toString('latin1');
  });
}
