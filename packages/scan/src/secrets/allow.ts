/**
 * Allowlists, compiled once per scan: path globs, secret regexes, stopwords, switched-off rules, and inline
 * `rampart:allow` comments (on the finding's line, or alone on the line above; optionally naming rule IDs).
 */
import { RampartError } from '@rampart/core';
import type { SecretMatch } from '@rampart/core/secrets';
import picomatch from 'picomatch';
import type { SecretAllowlist } from './types.js';

export interface CompiledAllowlist {
  pathAllowed(rel: string): boolean;
  matchAllowed(match: SecretMatch, text: string): boolean;
}

export function compileAllowlist(allow: SecretAllowlist = {}): CompiledAllowlist {
  const paths = (allow.paths ?? []).length > 0 ? picomatch(allow.paths ?? [], { dot: true }) : undefined;
  const regexes = (allow.regexes ?? []).map((r, i) => {
    try {
      return new RegExp(r);
    } catch (e) {
      throw new RampartError('CONFIG_INVALID', `allowlist regex is invalid: ${(e as Error).message}`, {
        field: `allowlist.regexes[${i}]`,
      });
    }
  });
  const stopwords = (allow.stopwords ?? []).map((w) => w.toLowerCase());
  const rules = new Set(allow.rules ?? []);
  return {
    pathAllowed: (rel) => paths?.(rel) === true,
    matchAllowed(match, text) {
      if (rules.has(match.ruleId)) return true;
      if (regexes.some((r) => r.test(match.secret))) return true;
      const lower = match.secret.toLowerCase();
      if (stopwords.some((w) => lower.includes(w))) return true;
      return inlineAllowed(match, text);
    },
  };
}

const INLINE = /rampart:allow(?:[ \t]+([A-Za-z0-9_,\- \t]+))?/;

function inlineAllowed(match: SecretMatch, text: string): boolean {
  const lineStart = text.lastIndexOf('\n', match.start - 1) + 1;
  let lineEnd = text.indexOf('\n', match.end);
  if (lineEnd < 0) lineEnd = text.length;
  if (allows(text.slice(lineStart, lineEnd), match.ruleId)) return true;
  if (lineStart === 0) return false;
  const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const prev = text.slice(prevStart, lineStart - 1).trim();
  // The line above counts only when it is a comment and nothing else.
  return /^(?:#|\/\/|--|;|\/\*|<!--|\*)/.test(prev) && allows(prev, match.ruleId);
}

function allows(line: string, ruleId: string): boolean {
  const m = INLINE.exec(line);
  if (m === null) return false;
  const ids = (m[1] ?? '').split(/[\s,]+/).filter((s) => /^[a-z0-9-]+$/.test(s) && s.includes('-'));
  return ids.length === 0 || ids.includes(ruleId);
}
