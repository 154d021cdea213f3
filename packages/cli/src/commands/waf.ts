/**
 * `rampart waf test TESTS_DIR --crs CRS_DIR`: go-ftw regression tests against the engine in process, one JSON object
 * per stage then totals. `rampart waf eval --crs CRS_DIR`: one raw HTTP request from stdin, the fired rules and score.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RampartError } from '@rampart/core';
import { type Waf, type WafOptions, loadWaf, parseRawRequest, readFtwOverrides, runFtw } from '@rampart/waf';
import { type CommandModule, parentCommand } from '../command.js';

interface WafCommonOptions {
  crs?: string;
  setup?: string[];
  paranoia?: string;
  rules?: string[];
}

function paranoiaOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 4)
    throw new RampartError('USAGE', `--paranoia must be 1, 2, 3 or 4, not "${text}"`, { field: '--paranoia' });
  return n;
}

async function load(opts: WafCommonOptions, mode: 'block' | 'detect'): Promise<Waf> {
  const o: WafOptions = { mode };
  if (opts.crs !== undefined) o.crsDir = resolve(opts.crs);
  if (opts.setup !== undefined) o.setup = opts.setup.map((s) => resolve(s));
  if (opts.rules !== undefined) o.files = opts.rules.map((s) => resolve(s));
  const pl = paranoiaOf(opts.paranoia);
  if (pl !== undefined) o.paranoia = pl;
  return loadWaf(o);
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export const wafCommand: CommandModule = {
  register(program, run) {
    const waf = parentCommand(program, 'waf', 'run and test the WAF engine (OWASP CRS v4, SecLang)');
    waf
      .command('test')
      .description('run go-ftw regression tests (CRS format) against the engine in process')
      .argument('<tests-dir>', 'folder of go-ftw YAML test files')
      .option('--crs <dir>', 'CRS release folder (crs-setup.conf[.example] and rules/)')
      .option('--setup <file>', 'setup file loaded after crs-setup and before the rules (repeatable)', collect)
      .option('--rules <file>', 'further rule file loaded after CRS (repeatable)', collect)
      .option('--paranoia <n>', 'paranoia level 1-4; tests of rules above it are skipped')
      .option('--overrides <file>', 'go-ftw overrides file (engine-specific expected outputs)')
      .option('--include <text>', 'only test files/cases whose key contains this (repeatable)', collect)
      .action((testsDir: string, opts: WafCommonOptions & { overrides?: string; include?: string[] }) =>
        run(async (ctx) => {
          const format = ctx.formatOr(['table', 'json'], 'json');
          // SecRuleEngine On, as a deployment runs; a setup file may switch to detection (CRS's test-setup.conf does).
          const engine = await load(opts, 'block');
          for (const e of engine.loadErrors) ctx.warn(`${e.file}:${e.line}: rule ${e.ruleId ?? '?'}: ${e.message}`);
          const ftw = {
            testsDir: resolve(testsDir),
            waf: engine,
            ...(opts.overrides !== undefined ? { overrides: readFtwOverrides(resolve(opts.overrides)) } : {}),
            ...(opts.include !== undefined ? { include: opts.include } : {}),
            ...(paranoiaOf(opts.paranoia) !== undefined ? { paranoia: paranoiaOf(opts.paranoia) as number } : {}),
          };
          const { results, summary } = runFtw(ftw);
          const lines: string[] = [];
          if (format === 'json') {
            for (const r of results) {
              const { test, rule_id, stage, pass, expected, fired } = r;
              lines.push(
                JSON.stringify({
                  test,
                  rule_id,
                  stage,
                  pass,
                  expected,
                  fired,
                  ...(r.reason ? { reason: r.reason } : {}),
                }),
              );
            }
            lines.push(JSON.stringify({ totals: summary }));
          } else {
            for (const r of results.filter((x) => !x.pass))
              lines.push(`FAIL ${r.key} stage ${r.stage}: ${r.reason ?? ''}`);
            for (const [pl, b] of Object.entries(summary.byParanoia))
              lines.push(`paranoia ${pl}: ${b.passed}/${b.total} passed (${((100 * b.passed) / b.total).toFixed(2)}%)`);
            lines.push(
              `total: ${summary.passed}/${summary.total} passed, ${summary.failed} failed, ${summary.skipped} skipped`,
            );
          }
          ctx.emit(lines.join('\n'));
          return summary.failed > 0 ? 1 : 0;
        }),
      );
    waf
      .command('eval')
      .description('evaluate one raw HTTP request read from stdin; print the fired rules and the anomaly score')
      .option('--crs <dir>', 'CRS release folder (without it: the built-in default rules)')
      .option('--setup <file>', 'setup file loaded after crs-setup and before the rules (repeatable)', collect)
      .option('--rules <file>', 'further rule file (repeatable)', collect)
      .option('--paranoia <n>', 'paranoia level 1-4')
      .option('--detect', 'detection only (report what would be blocked)')
      .action((opts: WafCommonOptions & { detect?: boolean }) =>
        run(async (ctx) => {
          const format = ctx.formatOr(['table', 'json'], 'json');
          const engine = await load(opts, opts.detect === true ? 'detect' : 'block');
          const raw = readFileSync(0);
          if (raw.length === 0)
            throw new RampartError('INPUT_INVALID', 'no request on stdin (expected a raw HTTP request)');
          const ev = engine.evaluate(parseRawRequest(raw, '127.0.0.1', '<stdin>'));
          const r = ev.result;
          if (format === 'json') {
            ctx.emit(
              JSON.stringify({
                action: r.action,
                status: r.status,
                inboundScore: r.inboundScore,
                paranoiaLevel: r.paranoiaLevel,
                decidedBy: r.decidedBy,
                matches: r.matches,
              }),
            );
          } else {
            const lines = r.matches.map(
              (m) => `${m.id}  ${m.severity ?? '-'}  ${m.msg ?? ''}${m.data ? `  [${m.data.slice(0, 120)}]` : ''}`,
            );
            lines.push(
              `action: ${r.action}${r.status !== undefined ? ` (${r.status})` : ''}, inbound anomaly score: ${r.inboundScore}`,
            );
            ctx.emit(lines.join('\n'));
          }
          return r.action === 'block' ? 1 : 0;
        }),
      );
  },
};
