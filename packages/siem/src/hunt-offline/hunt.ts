/**
 * Offline hunting over log files, as Chainsaw and Zircolite do: load Sigma rules (and correlations), run every event of
 * the input files through the compiled detector, and yield each match as it is found. Fields are taken as they are; the
 * pipeline (default `windows`) maps Windows logsources to channel and EventID.
 */
import { existsSync, statSync } from 'node:fs';
import { RampartError } from '@rampart/core';
import { createCorrelator } from '../correlation/correlator.js';
import type { Alert } from '../correlation/types.js';
import { compileDetector } from '../sigma/detector.js';
import { type LoadResult, loadSigmaRules } from '../sigma/loader.js';
import type { Pipeline } from '../sigma/pipeline.js';
import type { SigmaRule } from '../sigma/types.js';
import { eventTimeMs } from './event-time.js';
import { type BadLineHandler, readNdjson } from './read-ndjson.js';

export interface HuntOptions {
  rules: string | readonly string[];
  inputs: readonly string[];
  pipeline?: string | Pipeline;
  /** Called once the rules are loaded (to report load errors before the first match). */
  onLoaded?: (result: LoadResult) => void;
  onBadLine?: (file: string, line: number, reason: string) => void;
}

export type HuntResult =
  | { kind: 'match'; rule: SigmaRule; event: Record<string, unknown>; file: string; line: number }
  | { kind: 'correlation'; alert: Alert; file: string; line: number };

export interface HuntSummary {
  events: number;
  matches: number;
  correlations: number;
}

export async function* hunt(options: HuntOptions, summary?: HuntSummary): AsyncGenerator<HuntResult> {
  for (const file of options.inputs) {
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw new RampartError('INPUT_NOT_FOUND', `input ${file} does not exist or is not a file`, {
        file,
        field: '--input',
      });
    }
  }
  const loaded = loadSigmaRules(
    options.rules,
    options.pipeline === undefined ? { pipeline: 'windows' } : { pipeline: options.pipeline },
  );
  options.onLoaded?.(loaded);
  if (loaded.rules.length === 0) {
    throw new RampartError('INPUT_INVALID', `no Sigma rule could be loaded from ${[options.rules].flat().join(', ')}`, {
      field: '--sigma',
    });
  }
  const detector = compileDetector(loaded.rules, { pipeline: loaded.pipeline });
  const correlator = loaded.correlations.length > 0 ? createCorrelator(loaded.correlations) : undefined;
  const stats = summary ?? { events: 0, matches: 0, correlations: 0 };
  for (const file of options.inputs) {
    const bad: BadLineHandler = (line, reason) => options.onBadLine?.(file, line, reason);
    let order = 0;
    for await (const { line, event } of readNdjson(file, bad)) {
      stats.events++;
      order++;
      const matches = detector.match(event);
      for (const m of matches) {
        stats.matches++;
        yield { kind: 'match', rule: m.rule, event, file, line };
        if (correlator !== undefined) {
          for (const alert of correlator.observe(m, event, eventTimeMs(event) ?? order)) {
            stats.correlations++;
            yield { kind: 'correlation', alert, file, line };
          }
        }
      }
    }
  }
}
