/**
 * Code injection: user input reaches `new Function(...)` or a `vm` compile and brings more than a single literal or name.
 * JavaScript source is judged with a light scan: an input made only of word characters is a name or a number and
 * passes; otherwise the input must sit inside one string literal of the compiled code without closing it.
 */
const WORD_ONLY = /^[A-Za-z0-9_$]+$/;

export function detectCodeInjection(code: string, input: string): string | undefined {
  if (input.length < 2) return undefined;
  let at = code.indexOf(input);
  if (at === -1 || WORD_ONLY.test(input)) return undefined;
  const strings = stringSpans(code);
  while (at !== -1) {
    const end = at + input.length;
    const inside = strings.some(([s, e]) => at > s && end <= e);
    if (!inside) return 'user input is compiled as code';
    at = code.indexOf(input, at + 1);
  }
  return undefined;
}

/** [open quote index, close quote index] of the string and template literals of `code` (no nesting of `${}`). */
function stringSpans(code: string): [number, number][] {
  const spans: [number, number][] = [];
  const n = code.length;
  for (let i = 0; i < n; i++) {
    const c = code.charCodeAt(i);
    if (c === 47 && code.charCodeAt(i + 1) === 47) {
      const eol = code.indexOf('\n', i);
      i = eol === -1 ? n : eol;
    } else if (c === 47 && code.charCodeAt(i + 1) === 42) {
      const close = code.indexOf('*/', i + 2);
      i = close === -1 ? n : close + 1;
    } else if (c === 39 || c === 34 || c === 96) {
      let j = i + 1;
      while (j < n && code.charCodeAt(j) !== c) {
        if (code.charCodeAt(j) === 92) j++;
        else if (c === 96 && code.charCodeAt(j) === 36 && code.charCodeAt(j + 1) === 123) break; // `${` ends the literal part
        j++;
      }
      spans.push([i, j]);
      i = j;
    }
  }
  return spans;
}
