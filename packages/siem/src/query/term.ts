/**
 * Lucene term text → what SQL needs: backslash escapes resolved, and unescaped `*` / `?` turned into LIKE wildcards
 * (an escaped star stays a literal star).
 */

export interface Term {
  /** The term with escapes resolved. */
  text: string;
  /** A LIKE pattern (with `\` as its escape character), or undefined when the term has no wildcard. */
  like: string | undefined;
}

export function readTerm(raw: string): Term {
  let text = '';
  let like = '';
  let wildcard = false;
  for (let i = 0; i < raw.length; i++) {
    let c = raw[i] as string;
    if (c === '\\' && i + 1 < raw.length) {
      c = raw[++i] as string;
      text += c;
      like += likeChar(c);
      continue;
    }
    if (c === '*' || c === '?') {
      wildcard = true;
      text += c;
      like += c === '*' ? '%' : '_';
      continue;
    }
    text += c;
    like += likeChar(c);
  }
  return { text, like: wildcard ? like : undefined };
}

function likeChar(c: string): string {
  return c === '%' || c === '_' || c === '\\' ? `\\${c}` : c;
}

export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Quoted phrases: only `\"` and `\\` are escapes. */
export function readPhrase(raw: string): string {
  return raw.replace(/\\(["\\])/g, '$1');
}
