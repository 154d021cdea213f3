/**
 * Compiles a route path once at start: a prefix (`/api`, matching on a segment boundary), a template with params
 * (`/orders/{id}`), or either with a trailing `/*` for the rest. Templates become one anchored RegExp.
 */

export type PathParams = Record<string, string>;
const NO_PARAMS: PathParams = Object.freeze({}) as PathParams;

export interface PathMatcher {
  readonly pattern: string;
  /** Literal prefix, used to skip the regex for most non-matching paths. */
  readonly literalPrefix: string;
  match(path: string): PathParams | undefined;
}

const PARAM = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** `exact`: the whole path must match (OpenAPI paths), instead of a prefix on a segment boundary (routes). */
export function compilePath(pattern: string, exact = false): PathMatcher {
  const hasParams = pattern.includes('{');
  const wildcard = pattern.endsWith('/*');
  const base = wildcard ? pattern.slice(0, -2) : pattern;
  if (!hasParams && !exact) {
    // A prefix: `/api` matches `/api`, `/api/x` and `/api?..` (query is cut before), never `/apix`.
    const prefix = base === '' ? '/' : base;
    const open = prefix.endsWith('/');
    return {
      pattern,
      literalPrefix: prefix,
      match(path) {
        if (!path.startsWith(prefix)) return undefined;
        if (open || path.length === prefix.length || path.charCodeAt(prefix.length) === 47) return NO_PARAMS;
        return undefined;
      },
    };
  }
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const m of base.matchAll(PARAM)) {
    source += escapeRegExp(base.slice(last, m.index));
    source += '([^/]+)';
    names.push(m[1] as string);
    last = (m.index ?? 0) + m[0].length;
  }
  source += escapeRegExp(base.slice(last));
  const re = new RegExp(`^${source}${wildcard ? '(?:/.*)?' : '/?'}$`);
  const literalPrefix = hasParams ? base.slice(0, base.indexOf('{')) : base;
  return {
    pattern,
    literalPrefix,
    match(path) {
      if (!path.startsWith(literalPrefix)) return undefined;
      const m = re.exec(path);
      if (m === null) return undefined;
      const params: PathParams = {};
      for (let i = 0; i < names.length; i++) params[names[i] as string] = safeDecode(m[i + 1] as string);
      return params;
    },
  };
}

function safeDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
