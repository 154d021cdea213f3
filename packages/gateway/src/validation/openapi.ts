/**
 * OpenAPI 3.0/3.1 request validation, compiled once at start: each operation's path, query and header parameters and
 * JSON request body become ajv validators (draft 2020-12 for 3.1; draft-07 with `nullable` for 3.0). Requests are
 * matched to operations by path template and method; in strict mode an unknown path is 404 and an unknown method 405.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { compilePath, type PathMatcher } from '../router/path-matcher.js';

// ajv-formats is CommonJS: its default export is the function under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;

export interface ValidationIssue {
  in: 'path' | 'query' | 'header' | 'body' | 'content-type';
  message: string;
  pointer?: string;
}

export type ValidationResult =
  | { ok: true; needsBody: boolean }
  | { ok: false; status: number; issues: ValidationIssue[]; allow?: string[] };

interface Operation {
  params: { path?: ValidateFunction; query?: ValidateFunction; header?: ValidateFunction };
  headerNames: string[];
  body?: { required: boolean; types: string[]; json?: ValidateFunction };
}

interface PathEntry {
  matcher: PathMatcher;
  ops: Map<string, Operation>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const DOC_ID = 'rampart-openapi-doc';

export interface RequestView {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
}

export class OpenApiValidator {
  private readonly paths: PathEntry[] = [];

  constructor(
    readonly file: string,
    private readonly strict: boolean,
  ) {
    const text = readFileSync(file, 'utf8');
    const doc = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Record<string, unknown>;
    const version = String(doc.openapi ?? '');
    if (!/^3\.[01]\./.test(version)) throw new Error(`${file}: "openapi" must be 3.0.x or 3.1.x, found "${version}"`);
    const ajvOptions = { strict: false, allErrors: true, validateFormats: true } as const;
    const make = (coerce: boolean) => {
      const a = version.startsWith('3.1')
        ? new Ajv2020({ ...ajvOptions, coerceTypes: coerce })
        : new Ajv({ ...ajvOptions, coerceTypes: coerce });
      addFormats(a as Ajv);
      a.addSchema({ ...doc, $id: DOC_ID } as object);
      return a as Ajv;
    };
    const bodyAjv = make(false);
    const paramAjv = make(true);
    const paths = (doc.paths ?? {}) as Record<string, Record<string, unknown>>;
    for (const [template, item] of Object.entries(paths)) {
      const ops = new Map<string, Operation>();
      const shared = (item.parameters ?? []) as unknown[];
      for (const m of METHODS) {
        const op = item[m] as Record<string, unknown> | undefined;
        if (op === undefined) continue;
        const params = [...shared, ...((op.parameters ?? []) as unknown[])].map((p) => deref(doc, p) as Param);
        ops.set(m.toUpperCase(), compileOperation(doc, params, op.requestBody, paramAjv, bodyAjv));
      }
      this.paths.push({ matcher: compilePath(template, true), ops });
    }
    // Concrete paths win over templated ones (`/orders/mine` before `/orders/{id}`), as the spec says.
    const params = (e: PathEntry) => e.matcher.pattern.split('{').length;
    this.paths.sort((a, b) => params(a) - params(b));
  }

  validate(req: RequestView): ValidationResult {
    let entry: PathEntry | undefined;
    let pathParams: Record<string, string> | undefined;
    for (const p of this.paths) {
      pathParams = p.matcher.match(req.path);
      if (pathParams !== undefined) {
        entry = p;
        break;
      }
    }
    if (entry === undefined) {
      return this.strict
        ? { ok: false, status: 404, issues: [{ in: 'path', message: 'no such path in the API' }] }
        : { ok: true, needsBody: false };
    }
    const op = entry.ops.get(req.method);
    if (op === undefined) {
      if (!this.strict) return { ok: true, needsBody: false };
      return {
        ok: false,
        status: 405,
        issues: [{ in: 'path', message: `method ${req.method} not allowed` }],
        allow: [...entry.ops.keys()],
      };
    }
    const issues: ValidationIssue[] = [];
    run(op.params.path, { ...pathParams }, 'path', issues);
    if (op.params.query !== undefined) {
      const q: Record<string, string | string[]> = {};
      for (const k of new Set(req.query.keys())) {
        const all = req.query.getAll(k);
        q[k] = all.length === 1 ? (all[0] as string) : all;
      }
      run(op.params.query, q, 'query', issues);
    }
    if (op.params.header !== undefined) {
      const h: Record<string, unknown> = {};
      for (const n of op.headerNames) if (req.headers[n] !== undefined) h[n] = req.headers[n];
      run(op.params.header, h, 'header', issues);
    }
    if (issues.length > 0) return { ok: false, status: 400, issues };
    if (op.body === undefined) return { ok: true, needsBody: false };
    const ct = mediaType(req.headers['content-type']);
    const hasBody =
      (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') ||
      req.headers['transfer-encoding'] !== undefined;
    if (!hasBody) {
      return op.body.required
        ? { ok: false, status: 400, issues: [{ in: 'body', message: 'request body is required' }] }
        : { ok: true, needsBody: false };
    }
    if (!op.body.types.some((t) => t === ct || t === '*/*' || (t.endsWith('/*') && ct.startsWith(t.slice(0, -1))))) {
      return { ok: false, status: 415, issues: [{ in: 'content-type', message: `content type "${ct}" not accepted` }] };
    }
    return { ok: true, needsBody: op.body.json !== undefined && isJson(ct) };
  }

  /** Validates a buffered JSON body of the operation already matched by `validate`. */
  validateBody(req: RequestView, body: Buffer): ValidationResult {
    const op = this.find(req);
    if (op?.body?.json === undefined) return { ok: true, needsBody: false };
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch (e) {
      return { ok: false, status: 400, issues: [{ in: 'body', message: `malformed JSON: ${(e as Error).message}` }] };
    }
    const issues: ValidationIssue[] = [];
    run(op.body.json, value, 'body', issues);
    return issues.length === 0 ? { ok: true, needsBody: false } : { ok: false, status: 400, issues };
  }

  private find(req: RequestView): Operation | undefined {
    for (const p of this.paths) if (p.matcher.match(req.path) !== undefined) return p.ops.get(req.method);
    return undefined;
  }
}

interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
}

function compileOperation(
  doc: Record<string, unknown>,
  params: Param[],
  rawBody: unknown,
  paramAjv: Ajv,
  bodyAjv: Ajv,
): Operation {
  const byIn = new Map<string, { properties: Record<string, unknown>; required: string[] }>();
  const headerNames: string[] = [];
  for (const p of params) {
    if (p.in === 'cookie') continue;
    const name = p.in === 'header' ? p.name.toLowerCase() : p.name;
    if (p.in === 'header') headerNames.push(name);
    const group = byIn.get(p.in) ?? { properties: {}, required: [] };
    group.properties[name] = rewriteRefs(p.schema ?? {});
    if (p.required === true || p.in === 'path') group.required.push(name);
    byIn.set(p.in, group);
  }
  const compile = (where: string) => {
    const g = byIn.get(where);
    return g === undefined
      ? undefined
      : paramAjv.compile({ type: 'object', properties: g.properties, required: g.required });
  };
  const op: Operation = {
    params: { path: compile('path'), query: compile('query'), header: compile('header') },
    headerNames,
  };
  const body = deref(doc, rawBody) as
    | { required?: boolean; content?: Record<string, { schema?: unknown }> }
    | undefined;
  if (body?.content !== undefined) {
    const types = Object.keys(body.content).map((t) => t.toLowerCase());
    const jsonType = types.find(isJson);
    const schema = jsonType === undefined ? undefined : body.content[jsonType]?.schema;
    op.body = {
      required: body.required === true,
      types,
      ...(schema === undefined ? {} : { json: bodyAjv.compile(rewriteRefs(schema) as object) }),
    };
  }
  return op;
}

function run(
  fn: ValidateFunction | undefined,
  value: unknown,
  where: ValidationIssue['in'],
  issues: ValidationIssue[],
): void {
  if (fn === undefined || fn(value)) return;
  for (const e of (fn.errors ?? []) as ErrorObject[])
    issues.push({ in: where, pointer: e.instancePath || '/', message: e.message ?? 'invalid' });
}

function isJson(t: string): boolean {
  return t === 'application/json' || (t.startsWith('application/') && t.endsWith('+json'));
}

function mediaType(h: string | string[] | undefined): string {
  const v = Array.isArray(h) ? h[0] : h;
  if (v === undefined) return '';
  const semi = v.indexOf(';');
  return (semi === -1 ? v : v.slice(0, semi)).trim().toLowerCase();
}

/** Local refs (`#/components/...`) point into the whole document, added to ajv under DOC_ID. */
function rewriteRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rewriteRefs);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema))
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${DOC_ID}${v}` : rewriteRefs(v);
  return out;
}

function deref(doc: Record<string, unknown>, node: unknown): unknown {
  let cur = node;
  for (let depth = 0; depth < 10; depth++) {
    const ref = (cur as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return cur;
    cur = ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (o, k) => (o as Record<string, unknown> | undefined)?.[k.replace(/~1/g, '/').replace(/~0/g, '~')],
        doc,
      );
  }
  return cur;
}
