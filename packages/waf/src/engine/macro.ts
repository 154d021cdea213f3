/**
 * Macros (`%{tx.anomaly_score}`, `%{MATCHED_VAR}`, `%{rule.id}`) are compiled once at load into literal and variable
 * parts; the transaction expands them. A text without `%{` compiles to `undefined` so callers keep the constant.
 */
export interface MacroPart {
  /** Literal text, when `collection` is undefined. */
  text: string;
  collection: string | undefined;
  key: string;
}

export interface Macro {
  parts: readonly MacroPart[];
  source: string;
}

const MACRO = /%\{([A-Za-z_][A-Za-z0-9_]*)(?:[.:]([^}]*))?\}/g;

export function compileMacro(text: string): Macro | undefined {
  if (!text.includes('%{')) return undefined;
  const parts: MacroPart[] = [];
  let last = 0;
  for (const m of text.matchAll(MACRO)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ text: text.slice(last, at), collection: undefined, key: '' });
    parts.push({ text: '', collection: (m[1] as string).toUpperCase(), key: (m[2] ?? '').toLowerCase() });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), collection: undefined, key: '' });
  return { parts, source: text };
}

/** Something that can resolve one macro variable (the transaction). */
export interface MacroResolver {
  resolveMacroVariable(collection: string, key: string): string;
}

export function expandMacro(m: Macro, r: MacroResolver): string {
  let out = '';
  for (const p of m.parts) out += p.collection === undefined ? p.text : r.resolveMacroVariable(p.collection, p.key);
  return out;
}
