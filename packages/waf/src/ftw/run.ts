/**
 * The go-ftw runner, in process: every stage's request is built as go-ftw sends it, parsed back like a server would,
 * evaluated (response tests get their /reflect response), and judged with go-ftw's semantics: expect_ids must all
 * fire, no_expect_ids none, match_regex / no_match_regex over the log lines, status where the engine decides it.
 */
import type { Waf } from '../load-waf.js';
import { parseRawRequest } from '../http/raw-request.js';
import { buildFtwRequest } from './build-request.js';
import { type FtwOverride, findOverride } from './overrides.js';
import { reflectResponse } from './reflect.js';
import { type FtwCase, type FtwOutput, findFtwFiles, readFtwFile } from './test-file.js';

export interface FtwOptions {
  testsDir: string;
  waf: Waf;
  /** Run only cases whose rule's paranoia level is at most this (others are reported skipped). */
  paranoia?: number;
  overrides?: readonly FtwOverride[];
  /** Only files / cases whose key contains one of these. */
  include?: readonly string[];
}

export interface FtwStageResult {
  test: string;
  rule_id: number;
  stage: number;
  pass: boolean;
  expected: Record<string, unknown>;
  fired: number[];
  /** Why it failed (missing/unexpected ids, regex, status). */
  reason?: string;
  key: string;
  paranoia_level: number | null;
}

export interface FtwSummary {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  byParanoia: Record<string, { total: number; passed: number }>;
}

export function runFtw(options: FtwOptions): { results: FtwStageResult[]; summary: FtwSummary; cases: FtwCase[] } {
  const files = findFtwFiles(options.testsDir);
  const results: FtwStageResult[] = [];
  const cases: FtwCase[] = [];
  const summary: FtwSummary = { total: 0, passed: 0, failed: 0, skipped: 0, byParanoia: {} };
  for (const file of files) {
    for (const c of readFtwFile(file, options.testsDir)) {
      if (options.include !== undefined && !options.include.some((s) => c.key.includes(s))) continue;
      const pl = caseParanoia(c, options.waf);
      if (options.paranoia !== undefined && pl !== null && pl > options.paranoia) {
        summary.skipped++;
        continue;
      }
      cases.push(c);
      const override =
        options.overrides === undefined ? undefined : findOverride(options.overrides, c.ruleId, c.testId);
      c.stages.forEach((stage, i) => {
        const output = override?.output !== undefined ? mergeOutput(stage.output, override.output) : stage.output;
        const r = runStage(c, i, stage.input, output, options.waf, pl);
        results.push(r);
        summary.total++;
        if (r.pass) summary.passed++;
        else summary.failed++;
        const k = pl === null ? 'none' : String(pl);
        const bucket = summary.byParanoia[k] ?? { total: 0, passed: 0 };
        summary.byParanoia[k] = bucket;
        bucket.total++;
        if (r.pass) bucket.passed++;
      });
    }
  }
  return { results, summary, cases };
}

/** A case's paranoia level: the highest level among the rules it expects, else the level of its file's rule. */
export function caseParanoia(c: FtwCase, waf: Waf): number | null {
  const expected = c.stages.flatMap((s) => s.output.expectIds);
  const levels = (expected.length > 0 ? expected : [c.ruleId]).map((id) => waf.ruleParanoiaLevel(id));
  const known = levels.filter((l): l is number => l !== undefined);
  if (known.length > 0) return Math.max(...known);
  return waf.ruleParanoiaLevel(c.ruleId) ?? null;
}

function mergeOutput(base: FtwOutput, o: Record<string, unknown>): FtwOutput {
  const log = (o.log ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(Number) : v === undefined ? undefined : [Number(v)]);
  return {
    expectIds: list(log.expect_ids) ?? (o.log === undefined ? base.expectIds : []),
    noExpectIds: list(log.no_expect_ids) ?? (o.log === undefined ? base.noExpectIds : []),
    matchRegex: (log.match_regex as string | undefined) ?? (o.log === undefined ? base.matchRegex : undefined),
    noMatchRegex: (log.no_match_regex as string | undefined) ?? (o.log === undefined ? base.noMatchRegex : undefined),
    status: list(o.status) ?? base.status,
    expectError: o.expect_error === true || (o.expect_error === undefined && base.expectError),
  };
}

function runStage(
  c: FtwCase,
  index: number,
  input: FtwCase['stages'][number]['input'],
  output: FtwOutput,
  waf: Waf,
  pl: number | null,
): FtwStageResult {
  const expected: Record<string, unknown> = {};
  if (output.expectIds.length > 0) expected.expect_ids = output.expectIds;
  if (output.noExpectIds.length > 0) expected.no_expect_ids = output.noExpectIds;
  if (output.matchRegex !== undefined) expected.match_regex = output.matchRegex;
  if (output.noMatchRegex !== undefined) expected.no_match_regex = output.noMatchRegex;
  if (output.status !== undefined) expected.status = output.status;
  const base = {
    test: `${c.ruleId}-${c.testId}`,
    rule_id: c.ruleId,
    stage: index + 1,
    expected,
    key: c.key,
    paranoia_level: pl,
  };
  let req: ReturnType<typeof parseRawRequest>;
  try {
    req = parseRawRequest(buildFtwRequest(input), '127.0.0.1', c.key);
  } catch (e) {
    const pass = output.expectError;
    return { ...base, pass, fired: [], ...(pass ? {} : { reason: `request rejected: ${(e as Error).message}` }) };
  }
  const ev = waf.evaluate(req, reflectResponse(req));
  const fired = [...new Set(ev.result.matches.map((m) => m.id))];
  const problems: string[] = [];
  const missing = output.expectIds.filter((id) => !fired.includes(id));
  if (missing.length > 0) problems.push(`expected ${missing.join(',')} to fire`);
  const unexpected = output.noExpectIds.filter((id) => fired.includes(id));
  if (unexpected.length > 0) problems.push(`${unexpected.join(',')} fired`);
  const log = ev.logLines.join('\n');
  if (output.matchRegex !== undefined && !new RegExp(output.matchRegex).test(log))
    problems.push(`log does not match /${output.matchRegex}/`);
  if (output.noMatchRegex !== undefined && new RegExp(output.noMatchRegex).test(log))
    problems.push(`log matches /${output.noMatchRegex}/`);
  if (output.status !== undefined) {
    const status = ev.result.action === 'block' ? (ev.result.status ?? 403) : 200;
    if (!output.status.includes(status)) problems.push(`status ${status}, expected ${output.status.join('|')}`);
  }
  if (output.expectError) problems.push('expected the request to fail');
  const r: FtwStageResult = { ...base, pass: problems.length === 0, fired };
  if (problems.length > 0) r.reason = problems.join('; ');
  return r;
}
