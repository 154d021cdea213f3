/**
 * Gathers the user-controlled strings of a request: query, path segments, headers, cookies, the body (parsed here from the
 * captured raw bytes: JSON, urlencoded, multipart) and what Express parsed onto the request (`req.body/params/query`;
 * Koa's and Fastify's parsers see the same bytes as the capture). Objects carrying `$` keys are kept whole for the NoSQL detector, and keys
 * such as `__proto__` are noted for the prototype-pollution detector.
 */
import type { RequestContext } from './request-context.js';
import { parseBody } from './body.js';
import { parseCookies } from './cookies.js';

export type InputSource = 'query' | 'path' | 'headers' | 'cookies' | 'body' | 'params';

export interface InputString {
  source: InputSource;
  /** Key path inside the source, e.g. `user.name` or `0`. */
  path: string;
  value: string;
}

export interface UserInput {
  strings: InputString[];
  /** Objects from user input that contain `$`-prefixed keys (candidates for NoSQL operator injection). */
  operatorObjects: { source: InputSource; path: string; value: object }[];
  /** Keys such as `__proto__` or `constructor.prototype` found in parsed user input. */
  pollutionKeys: { source: InputSource; path: string }[];
}

/** Headers whose values are set by the client's HTTP stack rather than by a person (skipped for SSRF host matching). */
export const TRANSPORT_HEADERS: ReadonlySet<string> = new Set(['host', 'origin', 'referer', 'x-forwarded-host']);

const MAX_DEPTH = 16;
const MAX_STRINGS = 4096;

class Collector {
  readonly out: UserInput = { strings: [], operatorObjects: [], pollutionKeys: [] };
  private readonly seen = new Set<string>();

  add(source: InputSource, path: string, value: string): void {
    if (value.length < 2 || this.out.strings.length >= MAX_STRINGS) return;
    const key = `${source}\0${value}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.out.strings.push({ source, path, value });
  }

  walk(source: InputSource, path: string, value: unknown, depth: number): void {
    if (typeof value === 'string') {
      this.add(source, path, value);
      return;
    }
    if (typeof value === 'number' || typeof value === 'boolean') return;
    if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
    if (Buffer.isBuffer(value)) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) this.walk(source, `${path}.${i}`, value[i], depth + 1);
      return;
    }
    let hasOperator = false;
    for (const key of Object.keys(value)) {
      const child = `${path}.${key}`;
      if (key.charCodeAt(0) === 36 /* $ */) hasOperator = true;
      if (key === '__proto__') this.out.pollutionKeys.push({ source, path: child });
      if (key === 'constructor') {
        const c = (value as Record<string, unknown>)[key];
        if (c !== null && typeof c === 'object' && Object.hasOwn(c, 'prototype')) {
          this.out.pollutionKeys.push({ source, path: `${child}.prototype` });
        }
      }
      this.add(source, child, key);
      this.walk(source, child, (value as Record<string, unknown>)[key], depth + 1);
    }
    if (hasOperator) this.out.operatorObjects.push({ source, path, value });
  }
}

export function collectUserInput(ctx: RequestContext): UserInput {
  const c = new Collector();
  const req = ctx.req;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const pathname = q === -1 ? url : url.slice(0, q);
  for (const segment of pathname.split('/')) c.add('path', 'segment', safeDecode(segment));
  if (q !== -1) {
    const query = url.slice(q + 1);
    c.add('query', '', safeDecode(query));
    const pairs = [...new URLSearchParams(query)];
    for (const [k, v] of pairs) {
      c.add('query', k, k);
      c.add('query', k, v);
    }
    // `user[$ne]=x` is an object to qs-style parsers (Express 4, Koa's qs users): see it as one too.
    const nested = expandBrackets(pairs);
    if (nested !== undefined) c.walk('query', 'query', nested, 0);
  }
  const headers = req.headers;
  for (const name of Object.keys(headers)) {
    if (name === 'cookie') continue;
    const v = headers[name];
    if (typeof v === 'string') c.add('headers', name, v);
    else if (Array.isArray(v)) for (const x of v) c.add('headers', name, x);
  }
  if (typeof headers.cookie === 'string') {
    for (const [k, v] of parseCookies(headers.cookie)) c.add('cookies', k, v);
  }
  const raw = ctx.rawBody();
  if (raw !== undefined) c.walk('body', 'body', parseBody(raw, headers['content-type']), 0);
  // Framework-parsed input: Express keeps it on the request itself; others register their own objects.
  const r = req as unknown as Record<string, unknown>;
  walkFramework(c, r);
  return c.out;
}

function walkFramework(c: Collector, r: Record<string, unknown>): void {
  const own = (k: string): unknown => {
    // Read own data properties only: framework getters (Express 5's `req.query`) run parsers we do not want to re-run.
    const d = Object.getOwnPropertyDescriptor(r, k);
    return d !== undefined && 'value' in d ? d.value : undefined;
  };
  const body = own('body');
  if (body !== undefined) c.walk('body', 'body', body, 0);
  const params = own('params');
  if (params !== undefined) c.walk('params', 'params', params, 0);
  const query = own('query');
  if (query !== undefined && typeof query === 'object') c.walk('query', 'query', query, 0);
  const cookies = own('cookies');
  if (cookies !== undefined) c.walk('cookies', 'cookies', cookies, 0);
}

function safeDecode(s: string): string {
  if (s.indexOf('%') === -1 && s.indexOf('+') === -1) return s;
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Builds `{user: {$ne: 'x'}}` from `user[$ne]=x` pairs, or undefined when no key uses brackets. */
export function expandBrackets(pairs: readonly [string, string][]): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const [key, value] of pairs) {
    const open = key.indexOf('[');
    if (open <= 0 || !key.endsWith(']')) continue;
    const parts = [key.slice(0, open), ...key.slice(open + 1, -1).split('][')];
    out ??= Object.create(null) as Record<string, unknown>;
    let node = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const k = parts[i] as string;
      const next = node[k];
      if (next === null || typeof next !== 'object') node[k] = Object.create(null);
      node = node[k] as Record<string, unknown>;
    }
    node[parts[parts.length - 1] as string] = value;
  }
  return out;
}
