/** Test helpers: build a rule from a detection, read testdata files. Used by tests only (not exported by the index). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@rampart/core/testing';
import { parse, stringify } from 'yaml';
import { compileDetector, type Detector } from '../detector.js';
import { loadSigmaRules } from '../loader.js';
import type { Pipeline } from '../pipeline.js';

export function testdata(...parts: string[]): string {
  return join(repoRoot(), 'packages', 'siem', 'testdata', ...parts);
}

export function readYaml<T>(...parts: string[]): T {
  return parse(readFileSync(testdata(...parts), 'utf8')) as T;
}

export function pipelineWith(partial: Partial<Pipeline>): Pipeline {
  return { name: 'test', fieldmappings: {}, logsources: [], placeholders: {}, ...partial };
}

/** A detector for one rule made of `detection` (and an optional logsource), failing loudly if it does not load. */
export function detectorFor(detection: unknown, pipeline?: Pipeline, logsource: Record<string, string> = {}): Detector {
  const text = stringify({ title: 'test rule', id: 'test-rule', logsource, detection });
  const loaded = loadSigmaRules(`${text}\n`, pipeline === undefined ? {} : { pipeline });
  if (loaded.errors.length > 0) throw new Error(loaded.errors.map((e) => e.reason).join('; '));
  return compileDetector(loaded.rules, { pipeline: loaded.pipeline });
}
