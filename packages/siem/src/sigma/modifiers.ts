/**
 * Value modifiers that rewrite a Sigma string before it is matched (contains, startswith, endswith, windash, expand,
 * utf16*, wide, base64, base64offset), applied left to right as pySigma does: `|wide|base64offset|contains` encodes the
 * value as UTF-16LE, takes the three base64 offsets, then wraps each in wildcards.
 */
import { ANY, type Part, parseSigmaString, partsToPlainText } from './sigma-string.js';

/** Every modifier of the Sigma specification v2. `i`, `m`, `s` are flags of `re`. */
export const KNOWN_MODIFIERS: ReadonlySet<string> = new Set([
  'contains',
  'startswith',
  'endswith',
  'all',
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
  'windash',
  're',
  'i',
  'm',
  's',
  'cidr',
  'exists',
  'expand',
  'fieldref',
  'gt',
  'gte',
  'lt',
  'lte',
  'neq',
  'cased',
]);

/** The dash-like characters Windows command lines accept for `-flag`, as pySigma's windash modifier lists them. */
const WINDASH = ['-', '/', '\u2013', '\u2014', '\u2015'];
// A dash or slash at the start of a word (`\B[-/]\b` in pySigma).
const WINDASH_RE = /\B[-/]\b/g;

type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'utf16';

export interface RewriteContext {
  placeholders: ReadonlyMap<string, readonly string[]>;
  /** Called for a placeholder the pipeline does not define (the value then matches nothing). */
  onUnresolved?: (name: string) => void;
}

/** Applies the rewriting modifiers in order; other modifiers are left to the matcher. */
export function rewriteValue(parts: Part[], modifiers: readonly string[], ctx: RewriteContext): Part[] {
  let out = parts;
  let encoding: Encoding = 'utf8';
  for (const m of modifiers) {
    switch (m) {
      case 'contains':
        out = out[0] === ANY ? out : [ANY, ...out];
        out = out[out.length - 1] === ANY ? out : [...out, ANY];
        break;
      case 'startswith':
        out = out[out.length - 1] === ANY ? out : [...out, ANY];
        break;
      case 'endswith':
        out = out[0] === ANY ? out : [ANY, ...out];
        break;
      case 'windash':
        out = out.flatMap((p) => (typeof p === 'string' ? splitOn(p, WINDASH_RE, () => ({ anyOf: WINDASH })) : [p]));
        break;
      case 'expand':
        out = out.flatMap((p) =>
          typeof p === 'string'
            ? splitOn(p, /%[^%\s]+%/g, (token) => {
                const name = token.slice(1, -1);
                const values = ctx.placeholders.get(name);
                if (values === undefined) ctx.onUnresolved?.(name);
                return { anyOf: (values ?? []).map(parseSigmaString) };
              })
            : [p],
        );
        break;
      case 'utf16le':
      case 'wide':
        encoding = 'utf16le';
        break;
      case 'utf16be':
        encoding = 'utf16be';
        break;
      case 'utf16':
        encoding = 'utf16';
        break;
      case 'base64':
        out = [encode(partsToPlainText(out), encoding).toString('base64')];
        break;
      case 'base64offset':
        out = [{ anyOf: base64Offsets(encode(partsToPlainText(out), encoding)) }];
        break;
      default:
        break;
    }
  }
  return out;
}

function splitOn(s: string, re: RegExp, replace: (token: string) => Part): Part[] {
  const out: Part[] = [];
  let last = 0;
  for (const m of s.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) out.push(s.slice(last, at));
    out.push(replace(m[0]));
    last = at + m[0].length;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}

function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf16be':
      return Buffer.from(text, 'utf16le').swap16();
    case 'utf16':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    default:
      return Buffer.from(text, 'utf8');
  }
}

/**
 * The three base64 forms of a value at byte offsets 0, 1 and 2 of the encoded stream, trimmed to the characters that do
 * not depend on the neighbouring bytes (pySigma's base64offset).
 */
export function base64Offsets(value: Buffer): string[] {
  const start = [0, 2, 3];
  const end = [undefined, -3, -2];
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const encoded = Buffer.concat([Buffer.alloc(i, 0x20), value]).toString('base64');
    out.push(encoded.slice(start[i], end[(value.length + i) % 3]));
  }
  return out;
}
