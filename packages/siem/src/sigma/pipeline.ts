/**
 * Processing pipelines: how Sigma's field names and logsources meet the fields of real events. They are data
 * (packages/siem/pipelines/*.yml), not code: a logsource mapping adds conditions (Windows `process_creation` → Sysmon
 * channel and EventID 1, or Security 4688 with its own field names), a field mapping renames fields.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Logsource } from './types.js';

export interface LogsourceMapping {
  logsource: Logsource;
  /** Field conditions an event of this logsource meets (`Channel`, `EventID`); a list is any of its values. */
  conditions: Record<string, unknown>;
  /** Field renames for rules of this logsource only. */
  fieldmappings: Record<string, string | string[]>;
}

export interface Pipeline {
  name: string;
  /** Sigma field → event field(s), for every rule. */
  fieldmappings: Record<string, string | string[]>;
  logsources: LogsourceMapping[];
  /** Values of `%name%` placeholders for the `expand` modifier. */
  placeholders: Record<string, string[]>;
  /**
   * The products whose logs this pipeline is for (`windows`). When set, a rule written for another product, or a rule
   * without product whose category/service the pipeline does not map, does not apply (it loads, and never matches): a
   * zeek, macOS or database rule has no business with Windows events. Unset: all apply.
   */
  products?: string[];
}

export const EMPTY_PIPELINE: Pipeline = { name: 'none', fieldmappings: {}, logsources: [], placeholders: {} };

const BUILTIN_DIR = new URL('../../pipelines/', import.meta.url);

/** The pipelines shipped with the package. */
export function builtinPipelineNames(): string[] {
  return ['none', 'windows', 'ecs'];
}

/** A built-in pipeline by name (`windows`, `ecs`, `none`), or a pipeline YAML file by path. */
export function loadPipeline(nameOrPath: string): Pipeline {
  if (nameOrPath === 'none') return EMPTY_PIPELINE;
  const builtin = new URL(`${nameOrPath}.yml`, BUILTIN_DIR);
  const file = /^[a-z0-9-]+$/.test(nameOrPath) && existsSync(builtin) ? builtin : nameOrPath;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(
      `pipeline ${nameOrPath}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  return parsePipeline(text, String(file));
}

export function parsePipeline(text: string, source: string): Pipeline {
  const doc = parse(text) as unknown;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new Error(`pipeline ${source}: not a mapping`);
  const d = doc as Record<string, unknown>;
  const logsources = Array.isArray(d.logsources) ? d.logsources : [];
  return {
    name: typeof d.name === 'string' ? d.name : source,
    fieldmappings: asRecord(d.fieldmappings, `${source}: fieldmappings`) as Record<string, string | string[]>,
    placeholders: asRecord(d.placeholders, `${source}: placeholders`) as Record<string, string[]>,
    ...(Array.isArray(d.products) ? { products: d.products.map(String) } : {}),
    logsources: logsources.map((m, i) => {
      const r = asRecord(m, `${source}: logsources[${i}]`);
      return {
        logsource: asRecord(r.logsource, `${source}: logsources[${i}].logsource`) as Logsource,
        conditions: asRecord(r.conditions, `${source}: logsources[${i}].conditions`),
        fieldmappings: asRecord(r.fieldmappings, `${source}: logsources[${i}].fieldmappings`) as Record<string, string>,
      };
    }),
  };
}

function asRecord(v: unknown, where: string): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`pipeline ${where}: expected a mapping`);
  return v as Record<string, unknown>;
}

/** One way a rule's logsource is found in events: extra conditions and field renames. */
export interface LogsourceVariant {
  conditions: Record<string, unknown>;
  fieldmappings: Record<string, string | string[]>;
}

/**
 * The variants of a rule's logsource under a pipeline: mappings that constrain the same keys are alternatives (OR),
 * mappings for different keys (a category and a service) all apply (AND). No mapping: one variant without conditions.
 */
export function logsourceVariants(pipeline: Pipeline, ls: Logsource): LogsourceVariant[] {
  if (pipeline.products !== undefined && ls.product !== undefined) {
    const product = ls.product.toLowerCase();
    if (!pipeline.products.some((p) => p.toLowerCase() === product)) return [];
  }
  const groups = new Map<string, LogsourceMapping[]>();
  for (const m of pipeline.logsources) {
    const keys = Object.keys(m.logsource) as (keyof Logsource)[];
    if (!keys.every((k) => eq(m.logsource[k], ls[k]))) continue;
    const group = keys
      .filter((k) => k !== 'product')
      .sort()
      .join('+');
    groups.set(group, [...(groups.get(group) ?? []), m]);
  }
  // A pipeline for certain products does not run product-less rules of logsources it cannot find (`category: database`
  // has no Windows channel): their field names would meet unrelated events.
  if (pipeline.products !== undefined && ls.product === undefined && groups.size === 0) {
    if (ls.category !== undefined || ls.service !== undefined) return [];
  }
  let variants: LogsourceVariant[] = [{ conditions: {}, fieldmappings: { ...pipeline.fieldmappings } }];
  for (const mappings of groups.values()) {
    variants = variants.flatMap((v) =>
      mappings.map((m) => ({
        conditions: { ...v.conditions, ...m.conditions },
        fieldmappings: { ...v.fieldmappings, ...m.fieldmappings },
      })),
    );
  }
  return variants;
}

function eq(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && String(a).toLowerCase() === String(b).toLowerCase();
}
