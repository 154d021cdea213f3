/**
 * Config: YAML or JSON → `${env:}`/`${file:}` substitution → JSON Schema (ajv) → typed object. Every problem is reported
 * at once, each as a RampartError with file:line:column, the field path and what was expected; substituted secrets never
 * appear in a message.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { LineCounter, parseDocument } from 'yaml';
import { RampartError } from '../errors.js';
import { pointerToPath } from '../schema/validate.js';
import { positionOf } from './positions.js';
import { configDir, substituteReferences } from './substitute.js';
import { didYouMean } from './suggest.js';

export interface LoadedConfig<T> {
  value: T;
  /** Display name of the source (the file path, or e.g. `<stdin>`). */
  file: string;
  /** Values that came from `${env:}`/`${file:}`: scrub them from logs (see createLogger's `secrets`). */
  secrets: ReadonlySet<string>;
}

export interface ConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Folder for relative `${file:...}` paths; defaults to the config file's folder (or the cwd for text). */
  baseDir?: string;
}

// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  a: Ajv2020,
) => void;

const compiledSchemas = new WeakMap<object, ValidateFunction>();

function compile(schema: object): ValidateFunction {
  let fn = compiledSchemas.get(schema);
  if (fn === undefined) {
    // verbose: errors carry their parentSchema, from which "did you mean" draws the allowed keys.
    const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: true, verbose: true });
    // Formats (uri, date-time, ipv4, ...) are validated, not ignored with a console warning.
    addFormats(ajv);
    fn = ajv.compile(schema);
    compiledSchemas.set(schema, fn);
  }
  return fn;
}

export async function loadConfigFile<T>(
  path: string,
  schema: object,
  options: ConfigOptions = {},
): Promise<LoadedConfig<T>> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RampartError(
      'INPUT_NOT_FOUND',
      code === 'ENOENT'
        ? `config file ${path} does not exist`
        : `config file ${path} cannot be read (${code ?? 'error'})`,
      { file: path },
    );
  }
  return parseConfigText<T>(text, path, schema, { baseDir: configDir(path), ...options });
}

export function parseConfigText<T>(
  text: string,
  file: string,
  schema: object,
  options: ConfigOptions = {},
): LoadedConfig<T> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const details = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      return new RampartError('CONFIG_PARSE', firstLine(e.message), { file, line: pos?.line, column: pos?.col });
    });
    throw summary('CONFIG_PARSE', file, details, 'cannot be parsed');
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    // Unresolved aliases and alias bombs surface only when the document is turned into values.
    throw summary(
      'CONFIG_PARSE',
      file,
      [new RampartError('CONFIG_PARSE', (e as Error).message, { file })],
      'cannot be parsed',
    );
  }
  const at = (path: (string | number)[], key?: string) => positionOf(doc, lines, path, key);

  const subst = substituteReferences(value, {
    env: options.env ?? process.env,
    baseDir: options.baseDir ?? process.cwd(),
  });
  const details: RampartError[] = subst.problems.map((p) => {
    const pos = at(p.path);
    return new RampartError('CONFIG_SUBSTITUTION', p.message, {
      file,
      line: pos?.line,
      column: pos?.column,
      field: fieldName(p.path),
    });
  });

  const validate = compile(schema);
  if (!validate(value)) {
    for (const e of relevantErrors(validate.errors ?? [])) details.push(schemaError(e, file, at));
  }
  if (details.length > 0) {
    const onlySubst = details.every((d) => d.code === 'CONFIG_SUBSTITUTION');
    throw summary(onlySubst ? 'CONFIG_SUBSTITUTION' : 'CONFIG_INVALID', file, sortByPlace(details), 'is invalid');
  }
  return { value: value as T, file, secrets: subst.secrets };
}

function summary(code: string, file: string, details: RampartError[], what: string): RampartError {
  const n = details.length;
  return new RampartError(code, `config ${file} ${what}: ${n} problem${n === 1 ? '' : 's'}`, { file, details });
}

/** Drops ajv's umbrella errors (anyOf/oneOf/if) when more specific ones explain the same place. */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword));
  const kept = specific.length > 0 ? specific : errors;
  const seen = new Set<string>();
  return kept.filter((e) => {
    const k = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

type At = (path: (string | number)[], key?: string) => { line: number; column: number } | undefined;

function schemaError(e: ErrorObject, file: string, at: At): RampartError {
  const path = pointerToParts(e.instancePath);
  const field = fieldName(path);
  const child = (name: string) => (field === '' ? name : `${field}.${name}`);
  let message: string;
  let place = at(path);
  let fieldOut = field;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = didYouMean(key, allowed);
      message = `unknown key "${key}"${hint === undefined ? '' : ` (did you mean "${hint}"?)`}`;
      place = at(path, key) ?? place;
      fieldOut = child(key);
      break;
    }
    case 'required':
      message = `missing required key "${String(e.params.missingProperty)}"`;
      fieldOut = child(String(e.params.missingProperty));
      break;
    case 'type':
      message = `expected ${String(e.params.type)}, got ${describeType(e.data)}`;
      break;
    case 'enum':
      message = `expected one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'const':
      message = `expected ${JSON.stringify(e.params.allowedValue)}`;
      break;
    default:
      // ajv's own sentences ("must be >= 1", "must match format \"uri\"") name the expectation, never the value.
      message = e.message ?? e.keyword;
  }
  return new RampartError('CONFIG_INVALID', message, {
    file,
    line: place?.line,
    column: place?.column,
    field: fieldOut || '(root)',
  });
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return typeof v;
}

function pointerToParts(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function fieldName(path: readonly (string | number)[]): string {
  return pointerToPath(path.length === 0 ? '' : `/${path.map(String).join('/')}`);
}

function sortByPlace(errors: RampartError[]): RampartError[] {
  return [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** yaml's pretty message repeats the position and a code frame; the position is reported separately. */
function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).replace(/ at line \d+, column \d+:?$/, '');
}
