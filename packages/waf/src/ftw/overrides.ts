/**
 * go-ftw overrides files (`test_overrides: [{rule_id, test_ids?, reason, output}]`): the engine-specific expected
 * output of named tests replaces the file's, as Coraza and the CRS project keep them per engine.
 */
import { readFileSync } from 'node:fs';
import { RampartError } from '@rampart/core';
import { load as parse } from 'js-yaml';

export interface FtwOverride {
  ruleId: number;
  testIds: number[] | undefined;
  reason: string;
  output: Record<string, unknown> | undefined;
}

export function readOverrides(path: string): FtwOverride[] {
  let doc: { test_overrides?: Record<string, unknown>[] };
  try {
    doc = parse(readFileSync(path, 'utf8')) ?? {};
  } catch (e) {
    throw new RampartError('INPUT_INVALID', `cannot read go-ftw overrides: ${(e as Error).message}`, { file: path });
  }
  return (doc.test_overrides ?? []).map((o) => ({
    ruleId: Number(o.rule_id),
    testIds: Array.isArray(o.test_ids) ? o.test_ids.map(Number) : undefined,
    reason: String(o.reason ?? ''),
    output: (o.output as Record<string, unknown> | undefined) ?? undefined,
  }));
}

export function findOverride(list: readonly FtwOverride[], ruleId: number, testId: number): FtwOverride | undefined {
  return list.find((o) => o.ruleId === ruleId && (o.testIds === undefined || o.testIds.includes(testId)));
}
