/**
 * The shared step of every hook: is there a request, is the agent on, does a user input of this request reach this sink
 * and change what it runs? Each check returns quickly when there is no request context (start-up, timers, workers).
 */
import { activeAgent } from '../agent/agent.js';
import type { Attack } from '../agent/attack.js';
import { currentContext } from '../context/request-context.js';
import type { InputString } from '../context/user-input.js';
import { detectCodeInjection } from '../vulnerabilities/code/detect.js';
import { detectNoSqlInjection } from '../vulnerabilities/nosql/detect.js';
import { detectPathTraversal } from '../vulnerabilities/path/detect.js';
import { detectShellInjection } from '../vulnerabilities/shell/detect.js';
import type { SqlDialect } from '../vulnerabilities/sql/dialect.js';
import { SqlQueryCheck } from '../vulnerabilities/sql/detect.js';

type StringDetector = (operation: string, input: string) => string | undefined;

function firstHit(
  inputs: readonly InputString[],
  operation: string,
  detect: StringDetector,
): { input: InputString; reason: string } | undefined {
  for (const input of inputs) {
    if (input.value.length > operation.length) continue;
    const reason = detect(operation, input.value);
    if (reason !== undefined) return { input, reason };
  }
  return undefined;
}

function checkStrings(
  family: Attack['family'],
  kind: Attack['kind'],
  sink: string,
  operation: string,
  detect: StringDetector,
): void {
  const ctx = currentContext();
  if (ctx === undefined) return;
  const agent = activeAgent();
  if (agent === undefined) return;
  const attack = agent.inspect(family, sink, (): Attack | undefined => {
    const hit = firstHit(ctx.input().strings, operation, detect);
    if (hit === undefined) return undefined;
    return {
      kind,
      family,
      sink,
      source: hit.input.source,
      path: hit.input.path,
      payload: hit.input.value,
      operation,
      reason: hit.reason,
    };
  });
  if (attack !== undefined) agent.handle(attack, ctx);
}

export function checkSql(sink: string, query: unknown, dialect: SqlDialect): void {
  if (typeof query !== 'string' || currentContext() === undefined) return;
  const check = new SqlQueryCheck(query, dialect);
  checkStrings('sql', 'sql_injection', sink, query, (_q, input) => check.check(input));
}

export function checkShell(sink: string, command: string): void {
  checkStrings('shell', 'shell_injection', sink, command, detectShellInjection);
}

export function checkPath(sink: string, path: unknown): void {
  if (currentContext() === undefined) return;
  const p = typeof path === 'string' ? path : Buffer.isBuffer(path) ? path.toString('utf8') : pathOfUrl(path);
  if (p === undefined) return;
  checkStrings('fs', 'path_traversal', sink, p, detectPathTraversal);
}

export function checkCode(sink: string, code: unknown): void {
  if (typeof code !== 'string') return;
  checkStrings('code', 'code_injection', sink, code, detectCodeInjection);
}

export function checkNoSql(sink: string, filter: unknown): void {
  if (filter === null || typeof filter !== 'object') return;
  const ctx = currentContext();
  if (ctx === undefined) return;
  const agent = activeAgent();
  if (agent === undefined) return;
  const attack = agent.inspect('nosql', sink, (): Attack | undefined => {
    const input = ctx.input();
    if (input.operatorObjects.length === 0 && !hasWhere(filter)) return undefined;
    const f = detectNoSqlInjection(filter, input);
    if (f === undefined) return undefined;
    return {
      kind: 'nosql_injection',
      family: 'nosql',
      sink,
      source: f.source as InputString['source'],
      path: f.path,
      payload: f.payload,
      operation: safeJson(filter),
      reason: f.reason,
    };
  });
  if (attack !== undefined) agent.handle(attack, ctx);
}

function hasWhere(filter: object): boolean {
  return '$where' in filter || safeJson(filter).includes('"$function"');
}

function pathOfUrl(u: unknown): string | undefined {
  if (u instanceof URL && u.protocol === 'file:') return decodeURIComponent(u.pathname);
  return undefined;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '[unserializable]';
  }
}
