/**
 * @detectXSS's detector, in the libinjection manner: the input is read as HTML in the contexts it may land in (text,
 * inside a double- or single-quoted or unquoted attribute value, inside a tag), tags and attributes are tokenized,
 * and it is XSS when it opens a dangerous tag, sets an event handler (`on*`), or gives a URL attribute a script URL.
 * Written for Rampart; the tag and attribute lists are its own.
 */
const DANGEROUS_TAGS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'base',
  'link',
  'meta',
  'style',
  'form',
  'isindex',
  'xml',
  'xss',
  'import',
  'vmlframe',
  'animate',
  'set',
  'handler',
  'listener',
  'template',
  'portal',
  'video',
  'audio',
  'source',
  'img',
  'image',
  'body',
  'marquee',
  'details',
  'input',
  'button',
]);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'background',
  'dynsrc',
  'lowsrc',
  'data',
  'xlink:href',
  'poster',
  'codebase',
  'from',
  'to',
  'values',
  'by',
  'folder',
  'srcdoc',
  'xmlns',
  'style',
]);

const CONTEXT_PREFIXES = ['', '<x y="', "<x y='", '<x y=', '<x '];

export function detectXss(input: string): boolean {
  // Every finding needs a tag (`<`) or an attribute (`=`): anything else is not tokenized at all.
  if (input.length === 0 || (!input.includes('<') && !input.includes('='))) return false;
  for (const prefix of CONTEXT_PREFIXES) {
    if (scanHtml(prefix + input, prefix !== '')) return true;
  }
  return false;
}

function isScriptUrl(value: string): boolean {
  const v = value.replace(/[\x00-\x20\x7f]+/g, '').toLowerCase();
  return (
    v.startsWith('javascript:') ||
    v.startsWith('vbscript:') ||
    (v.startsWith('data:') && !v.startsWith('data:image/')) ||
    v.includes('expression(')
  );
}

function scanHtml(s: string, fromContext: boolean): boolean {
  let i = 0;
  const n = s.length;
  // The synthetic context tag is parsed like any other tag but its name is not judged.
  let judgeName = !fromContext;
  while (i < n) {
    const lt = s.indexOf('<', i);
    if (lt < 0) return false;
    i = lt + 1;
    if (s[i] === '!' || s[i] === '?') {
      if (s.startsWith('!--', i) && /\[if|<!\[endif/i.test(s.slice(i, i + 12))) return true;
      if (/^!\[CDATA\[/i.test(s.slice(i))) continue;
      const gt = s.indexOf('>', i);
      if (gt < 0) return false;
      i = gt + 1;
      continue;
    }
    if (s[i] === '/') i++;
    const m = /^[A-Za-z][^\s/>\x00]*/.exec(s.slice(i));
    if (m === null) continue;
    const tag = m[0].toLowerCase().replace(/^.*:/, '');
    i += m[0].length;
    if (judgeName && DANGEROUS_TAGS.has(tag)) return true;
    judgeName = true;
    const r = scanAttributes(s, i);
    if (r.xss) return true;
    i = r.next;
  }
  return false;
}

function scanAttributes(s: string, start: number): { xss: boolean; next: number } {
  let i = start;
  const n = s.length;
  while (i < n) {
    while (i < n && /[\s/\x00]/.test(s[i] as string)) i++;
    if (i >= n) break;
    if (s[i] === '>') return { xss: false, next: i + 1 };
    const m = /^[^\s/>=\x00]+/.exec(s.slice(i));
    if (m === null) {
      i++;
      continue;
    }
    const name = m[0].toLowerCase();
    i += m[0].length;
    while (i < n && /\s/.test(s[i] as string)) i++;
    let value = '';
    if (s[i] === '=') {
      i++;
      while (i < n && /\s/.test(s[i] as string)) i++;
      const q = s[i];
      if (q === '"' || q === "'" || q === '`') {
        const end = s.indexOf(q, i + 1);
        value = s.slice(i + 1, end < 0 ? n : end);
        i = end < 0 ? n : end + 1;
      } else {
        const vm = /^[^\s>]*/.exec(s.slice(i)) as RegExpExecArray;
        value = vm[0];
        i += vm[0].length;
      }
    }
    // An event handler with code in it (an empty `onx=` is not an attack).
    if (name.length > 2 && name.startsWith('on') && value.trim() !== '') return { xss: true, next: i };
    if (URL_ATTRIBUTES.has(name.replace(/^.*:(?=href$)/, 'xlink:')) && isScriptUrl(value))
      return { xss: true, next: i };
    if (name === 'style' && /expression\s*\(|url\s*\(\s*['"]?\s*javascript:/i.test(value))
      return { xss: true, next: i };
  }
  return { xss: false, next: i };
}
