/**
 * RFC 822-style control paragraphs (dpkg status, apk installed DB uses its own letters, see apk.ts). Continuation lines
 * start with a space; a blank line ends a paragraph. Each paragraph keeps the line it starts on, for error locations.
 */
import { CatalogError } from './cataloger.js';

export interface Paragraph {
  line: number;
  fields: Map<string, string>;
}

export function parseParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let current: Paragraph | undefined;
  let lastKey: string | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (line.trim() === '') {
      current = undefined;
      lastKey = undefined;
      continue;
    }
    if (line[0] === ' ' || line[0] === '\t') {
      if (current === undefined || lastKey === undefined) {
        throw new CatalogError('continuation line outside a field', i + 1);
      }
      current.fields.set(lastKey, `${current.fields.get(lastKey) ?? ''}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 1) throw new CatalogError(`expected "Field: value", got ${JSON.stringify(line.slice(0, 60))}`, i + 1);
    if (current === undefined) {
      current = { line: i + 1, fields: new Map() };
      out.push(current);
    }
    lastKey = line.slice(0, colon);
    current.fields.set(lastKey, line.slice(colon + 1).trim());
  }
  return out;
}
