/** go-ftw YAML test files (CRS regression format): read into typed cases; the file name gives the rule id. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { RampartError } from '@rampart/core';
import { load as parse } from 'js-yaml';

export interface FtwInput {
  method: string;
  uri: string;
  version: string;
  headers: [string, string][];
  data: string | undefined;
  autocompleteHeaders: boolean;
  encodedRequest: string | undefined;
}

export interface FtwOutput {
  expectIds: number[];
  noExpectIds: number[];
  matchRegex: string | undefined;
  noMatchRegex: string | undefined;
  status: number[] | undefined;
  expectError: boolean;
}

export interface FtwStage {
  input: FtwInput;
  output: FtwOutput;
}

export interface FtwCase {
  /** `<folder>/<file>#<test_id>`, the key of reference-verdicts.json and the known-failures file. */
  key: string;
  ruleId: number;
  testId: number;
  desc: string;
  stages: FtwStage[];
}

type Obj = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

function ids(v: unknown): number[] {
  return Array.isArray(v) ? v.map(Number) : v === undefined || v === null ? [] : [Number(v)];
}

export function readFtwFile(path: string, root: string): FtwCase[] {
  let doc: Obj;
  try {
    doc = (parse(readFileSync(path, 'utf8')) ?? {}) as Obj;
  } catch (e) {
    throw new RampartError('INPUT_INVALID', `not a go-ftw YAML file: ${(e as Error).message}`, { file: path });
  }
  const fileRule = Number(/^(\d+)/.exec(basename(path))?.[1] ?? doc.rule_id);
  const rel = relative(root, path).split('\\').join('/');
  const tests = Array.isArray(doc.tests) ? (doc.tests as Obj[]) : [];
  return tests.map((t, i) => {
    const testId = Number(t.test_id ?? i + 1);
    const stages = (Array.isArray(t.stages) ? (t.stages as Obj[]) : []).map((s) => readStage((s.stage as Obj) ?? s));
    return { key: `${rel}#${testId}`, ruleId: fileRule, testId, desc: str(t.desc) ?? '', stages };
  });
}

function readStage(s: Obj): FtwStage {
  const i = (s.input ?? {}) as Obj;
  const o = (s.output ?? {}) as Obj;
  const log = (o.log ?? {}) as Obj;
  const rawHeaders = i.headers;
  const headers: [string, string][] = [];
  if (Array.isArray(rawHeaders)) {
    for (const h of rawHeaders as Obj[]) headers.push([String(h.name), String(h.value ?? '')]);
  } else if (rawHeaders !== null && typeof rawHeaders === 'object') {
    for (const [k, v] of Object.entries(rawHeaders as Obj)) headers.push([k, str(v) ?? '']);
  }
  const status = o.status;
  return {
    input: {
      method: str(i.method) ?? 'GET',
      uri: str(i.uri) ?? '/',
      version: str(i.version) ?? 'HTTP/1.1',
      headers,
      data: str(i.data),
      autocompleteHeaders: i.autocomplete_headers !== false,
      encodedRequest: str(i.encoded_request),
    },
    output: {
      expectIds: ids(log.expect_ids),
      noExpectIds: ids(log.no_expect_ids),
      matchRegex: str(log.match_regex ?? o.log_contains),
      noMatchRegex: str(log.no_match_regex ?? o.no_log_contains),
      status: status === undefined ? undefined : ids(status),
      expectError: o.expect_error === true,
    },
  };
}

/** Every *.yaml / *.yml under a folder, sorted. */
export function findFtwFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}
