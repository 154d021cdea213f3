/**
 * `.rampartignore`: one entry per line, `PATTERN [exp:YYYY-MM-DD] [# reason]`. An entry names an advisory or check
 * (any of a finding's IDs: `CVE-2021-23337`, `GHSA-...`, `aws-access-key-id`), a purl pattern (`pkg:npm/lodash`, any
 * version; `pkg:npm/lodash@4.*`, `*` matching anything), or a path pattern in gitignore syntax (`testdata/`, `*.map`)
 * over the finding's file. The secret scanner reads the same file to skip paths while walking, so one file serves
 * both. After its expiry date an entry stops suppressing, and says so.
 */
import { readFileSync } from 'node:fs';
import ignore from 'ignore';
import { RampartError } from '@rampart/core';

export interface IgnoreEntry {
  /** An advisory ID, or a purl pattern (starts with `pkg:`). */
  pattern: string;
  /** `YYYY-MM-DD`: the last day the entry applies. */
  expires?: string;
  reason?: string;
  file: string;
  line: number;
}

export function readIgnoreFile(path: string): IgnoreEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RampartError(code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'IO', `cannot read ignore file ${path}`, {
      file: path,
      cause: e,
    });
  }
  return parseIgnoreFile(text, path);
}

export function parseIgnoreFile(text: string, file: string): IgnoreEntry[] {
  const entries: IgnoreEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const hash = raw.indexOf('#');
    const body = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    const comment = hash >= 0 ? raw.slice(hash + 1).trim() : '';
    if (body === '') return;
    const [pattern, ...rest] = body.split(/\s+/) as [string, ...string[]];
    const entry: IgnoreEntry = { pattern, file, line: i + 1 };
    for (const token of rest) {
      const exp = /^exp:(\d{4}-\d{2}-\d{2})$/.exec(token);
      if (exp === null || Number.isNaN(Date.parse(`${exp[1]}T00:00:00Z`))) {
        throw new RampartError('INPUT_INVALID', `unexpected "${token}" (want exp:YYYY-MM-DD, then # reason)`, {
          file,
          line: i + 1,
          column: raw.indexOf(token) + 1,
        });
      }
      entry.expires = exp[1] as string;
    }
    if (comment !== '') entry.reason = comment;
    entries.push(entry);
  });
  return entries;
}

/** True while the entry applies: no expiry, or `today` (YYYY-MM-DD, UTC) is on or before its expiry date. */
export function isActive(entry: IgnoreEntry, today: string): boolean {
  return entry.expires === undefined || today <= entry.expires;
}

export function purlPatternMatches(pattern: string, purl: string): boolean {
  const p = pattern.includes('@') || pattern.includes('*') ? pattern : `${pattern}@*`;
  const escaped = p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  // Qualifiers and subpath of the finding's purl never stop a match unless the pattern names them.
  const subject = p.includes('?') ? purl : purl.replace(/[?#].*$/, '');
  return new RegExp(`^${escaped}$`).test(subject) || new RegExp(`^${escaped}$`).test(purl);
}

/** Gitignore semantics over a finding's (relative) path; an absolute or unusual path simply does not match. */
export function pathPatternMatches(pattern: string, path: string): boolean {
  const rel = path.replace(/^\.?\/+/, '');
  if (rel === '') return false;
  try {
    return ignore().add(pattern).ignores(rel);
  } catch {
    return false;
  }
}
