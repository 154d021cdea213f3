/**
 * Loads Sigma rules, filters and correlations from files, folders (recursively, *.yml / *.yaml) or YAML texts. A document
 * that cannot load is reported with its file and the reason, and everything else still loads. Each rule is compiled once
 * here against the pipeline, so a rule the engine cannot run is an error at load time, never a silent non-match.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseCorrelation } from '../correlation/parse-correlation.js';
import type { CorrelationRule } from '../correlation/types.js';
import { compileRule } from './compile-rule.js';
import { parseFilter, parseRule } from './parse-rule.js';
import { EMPTY_PIPELINE, loadPipeline, type Pipeline } from './pipeline.js';
import type { LoadError, SigmaFilter, SigmaRule } from './types.js';

export interface LoadOptions {
  /** A built-in pipeline name (`windows`, `ecs`, `none`), a pipeline file, or a Pipeline. Default: none. */
  pipeline?: string | Pipeline;
}

export interface LoadResult {
  rules: SigmaRule[];
  correlations: CorrelationRule[];
  filters: SigmaFilter[];
  errors: LoadError[];
  /** Notes that do not stop a rule from loading (a placeholder without values matches nothing). */
  warnings: LoadError[];
  pipeline: Pipeline;
}

export function resolvePipeline(p: string | Pipeline | undefined): Pipeline {
  if (p === undefined) return EMPTY_PIPELINE;
  return typeof p === 'string' ? loadPipeline(p) : p;
}

export function loadSigmaRules(pathsOrTexts: string | readonly string[], options: LoadOptions = {}): LoadResult {
  const pipeline = resolvePipeline(options.pipeline);
  const out: LoadResult = { rules: [], correlations: [], filters: [], errors: [], warnings: [], pipeline };
  const inputs = typeof pathsOrTexts === 'string' ? [pathsOrTexts] : pathsOrTexts;
  inputs.forEach((input, i) => {
    if (input.includes('\n')) loadText(input, `<text ${i + 1}>`, out);
    else for (const file of listRuleFiles(input, out)) loadFile(file, out);
  });
  attachFilters(out);
  out.rules = out.rules.filter((rule) => {
    try {
      compileRule(rule, pipeline, (name) =>
        out.warnings.push({ file: rule.file, reason: `placeholder %${name}% has no values` }),
      );
      return true;
    } catch (e) {
      out.errors.push({ file: rule.file, reason: (e as Error).message });
      return false;
    }
  });
  return out;
}

function listRuleFiles(path: string, out: LoadResult): string[] {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (e) {
    out.errors.push({
      file: path,
      reason: `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    });
    return [];
  }
  if (!st.isDirectory()) return [path];
  const files: string[] = [];
  for (const name of readdirSync(path).sort()) {
    const p = join(path, name);
    if (statSync(p).isDirectory()) files.push(...listRuleFiles(p, out));
    else if (name.endsWith('.yml') || name.endsWith('.yaml')) files.push(p);
  }
  return files;
}

function loadFile(file: string, out: LoadResult): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    out.errors.push({ file, reason: `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    return;
  }
  loadText(text, file, out);
}

function loadText(text: string, file: string, out: LoadResult): void {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, index) => {
    const where = list.length > 1 ? `${file} (document ${index + 1})` : file;
    if (doc.errors.length > 0) {
      out.errors.push({ file: where, reason: `YAML: ${doc.errors[0]?.message.split('\n')[0]}` });
      return;
    }
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) return;
    try {
      if (typeof value !== 'object' || Array.isArray(value)) throw new Error('a Sigma document must be a mapping');
      const d = value as Record<string, unknown>;
      if ('correlation' in d) out.correlations.push(parseCorrelation(d, file, index));
      else if ('filter' in d) out.filters.push(parseFilter(d, file));
      else out.rules.push(parseRule(d, file, index));
    } catch (e) {
      out.errors.push({ file: where, reason: (e as Error).message });
    }
  });
}

function attachFilters(out: LoadResult): void {
  for (const f of out.filters) {
    for (const rule of out.rules) {
      const named =
        f.rules.length > 0 && (f.rules.includes(rule.id) || (rule.name !== undefined && f.rules.includes(rule.name)));
      const sameSource =
        f.rules.length === 0 &&
        (['product', 'category', 'service'] as const).every(
          (k) => f.logsource[k] === undefined || f.logsource[k] === rule.logsource[k],
        );
      if (named || sameSource) rule.filters.push(f);
    }
  }
}
