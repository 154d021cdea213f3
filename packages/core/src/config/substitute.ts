/**
 * `${env:NAME}` and `${file:PATH}` in string values: secrets stay out of config files. Every substituted value is
 * recorded so the caller can scrub it from logs and errors; a missing variable or file is an error at the value's place.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

const REFERENCE = /\$\{(env|file):([^}]*)\}/g;

export interface SubstitutionProblem {
  path: (string | number)[];
  message: string;
}

export interface SubstitutionResult {
  secrets: Set<string>;
  problems: SubstitutionProblem[];
  /** Paths whose values came (partly) from a substitution: their values are never echoed in errors. */
  substituted: Set<string>;
}

export interface SubstituteOptions {
  env: NodeJS.ProcessEnv;
  /** Relative `${file:...}` paths resolve against the config file's folder. */
  baseDir: string;
}

/** Replaces references in place, walking plain JSON (objects, arrays, strings). `$${...}` escapes a literal `${...}`. */
export function substituteReferences(root: unknown, options: SubstituteOptions): SubstitutionResult {
  const result: SubstitutionResult = { secrets: new Set(), problems: [], substituted: new Set() };
  const visit = (node: unknown, path: (string | number)[]): unknown => {
    if (typeof node === 'string') return substituteString(node, path, options, result);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = visit(node[i], [...path, i]);
      return node;
    }
    if (node !== null && typeof node === 'object') {
      const rec = node as Record<string, unknown>;
      for (const key of Object.keys(rec)) rec[key] = visit(rec[key], [...path, key]);
    }
    return node;
  };
  visit(root, []);
  return result;
}

function substituteString(
  value: string,
  path: (string | number)[],
  options: SubstituteOptions,
  result: SubstitutionResult,
) {
  if (!value.includes('${')) return value;
  let touched = false;
  const out = value.replace(/(\$?)\$\{(env|file):([^}]*)\}/g, (whole, dollar: string, kind: string, name: string) => {
    if (dollar === '$') return whole.slice(1);
    touched = true;
    const resolved = kind === 'env' ? fromEnv(name, options, path, result) : fromFile(name, options, path, result);
    if (resolved !== undefined && resolved !== '') result.secrets.add(resolved);
    return resolved ?? '';
  });
  if (touched) result.substituted.add(JSON.stringify(path));
  return out;
}

function fromEnv(name: string, options: SubstituteOptions, path: (string | number)[], result: SubstitutionResult) {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    result.problems.push({ path, message: `\${env:${name}} is not a valid environment variable name` });
    return undefined;
  }
  const v = options.env[name];
  if (v === undefined) {
    result.problems.push({ path, message: `environment variable ${name} is not set (referenced as \${env:${name}})` });
    return undefined;
  }
  return v;
}

function fromFile(name: string, options: SubstituteOptions, path: (string | number)[], result: SubstitutionResult) {
  if (name.trim() === '') {
    result.problems.push({ path, message: '${file:} needs a path' });
    return undefined;
  }
  const file = isAbsolute(name) ? name : resolve(options.baseDir, name);
  try {
    // Secret files (Kubernetes secrets, Docker secrets) usually end with a newline that is not part of the secret.
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    result.problems.push({ path, message: `file ${file} ${reason} (referenced as \${file:${name}})` });
    return undefined;
  }
}

export function configDir(file: string): string {
  return dirname(resolve(file));
}

export { REFERENCE as SUBSTITUTION_REFERENCE };
