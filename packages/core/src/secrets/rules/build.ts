/** Small builders that keep every rule's regex in the same linear shape (a literal or bounded prefix, bounded classes). */
import type { SecretRule } from '../types.js';

/** Start and end boundaries of a token: not glued to a longer word of token characters. */
export const START = '(?<![A-Za-z0-9_])';
export const END = '(?![A-Za-z0-9_])';

/** A token that carries its own prefix (`ghp_...`, `glpat-...`). */
export function token(prefix: string, body: string, flags = 'g'): RegExp {
  return new RegExp(`${START}(?<secret>${prefix}${body})${END}`, flags);
}

/**
 * A value with no prefix of its own, recognised by the name it is assigned to (`DD_API_KEY=...`, `"twilio_auth_token":
 * "..."`). Covers `=`, `:`, `:=`, `=>`, SQL's `('name', 'value')` and the quotes of YAML, JSON, shell and source code.
 */
export function assigned(name: string, value: string): RegExp {
  return new RegExp(
    `(?:${name})[A-Za-z0-9_.-]{0,24}["'\`]?\\s{0,8}(?::=|=>|[:=,]|(?:to|is)(?=\\s)|(?<=\\s))\\s{0,8}["'\`]?(?<secret>${value})(?![A-Za-z0-9_+/=-])`,
    'gi',
  );
}

/**
 * A value under a parent key of a nested config (`dd:` → `  app_key: ...` in YAML), the parent at most 8 lines above.
 */
export function nested(parent: string, child: string, value: string): RegExp {
  return new RegExp(
    `(?:${parent})["']?[ \\t]*:[ \\t]*\\r?\\n(?:[ \\t]+[^\\n]{0,200}\\n){0,8}?[ \\t]+["']?(?:${child})["']?[ \\t]*:[ \\t]*["']?(?<secret>${value})(?![A-Za-z0-9])`,
    'gi',
  );
}

/** Checks a rule as it is declared (a non-global pattern would find only the first match of a file). */
export function rule(init: SecretRule): SecretRule {
  if (!init.pattern.global) throw new Error(`secret rule ${init.id}: pattern must be global`);
  return init;
}
