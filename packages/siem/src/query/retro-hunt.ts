/**
 * Retro-hunt: run Sigma rules (a rule's YAML, or rules already loaded, by id) over the events stored in a time range,
 * page by page, with the same compiled detector the live pipeline uses. Bounded by `maxEvents` scanned and `limit`
 * matches returned.
 */
import { RampartError } from '@rampart/core';
import type { SecurityEvent } from '@rampart/core/event';
import { logsourceOf } from '../normalize/logsource.js';
import { compileDetector, loadSigmaRules, type LoadResult, type SigmaRule } from '../sigma/index.js';
import type { EventStore, TimeRange } from '../store/types.js';

export interface RetroHuntRequest extends TimeRange {
  /** One or more Sigma rules as YAML text. */
  ruleText?: string;
  /** Ids of rules the service has loaded. */
  ruleIds?: readonly string[];
  limit?: number;
  maxEvents?: number;
}

export interface RetroHuntMatch {
  rule: { id: string; title: string; level?: string };
  event: SecurityEvent;
}

export interface RetroHuntResult {
  scanned: number;
  matches: RetroHuntMatch[];
  truncated: boolean;
}

export async function retroHunt(
  store: EventStore,
  req: RetroHuntRequest,
  loaded?: LoadResult,
): Promise<RetroHuntResult> {
  const rules = selectRules(req, loaded);
  const detector = compileDetector(rules, { pipeline: loaded?.pipeline });
  const limit = req.limit ?? 1000;
  const maxEvents = req.maxEvents ?? 10_000_000;
  const out: RetroHuntResult = { scanned: 0, matches: [], truncated: false };
  for await (const page of store.scan(req, 5000)) {
    for (const event of page) {
      out.scanned++;
      for (const m of detector.match(event as Record<string, unknown>, logsourceOf(event))) {
        if (out.matches.length >= limit) {
          out.truncated = true;
          return out;
        }
        const level = m.rule.level;
        out.matches.push({
          rule: { id: m.rule.id, title: m.rule.title, ...(level === undefined ? {} : { level }) },
          event,
        });
      }
      if (out.scanned >= maxEvents) {
        out.truncated = true;
        return out;
      }
    }
  }
  return out;
}

function selectRules(req: RetroHuntRequest, loaded?: LoadResult): SigmaRule[] {
  if (req.ruleText !== undefined && req.ruleText.trim() !== '') {
    const text = req.ruleText.includes('\n') ? req.ruleText : `${req.ruleText}\n`;
    const r = loadSigmaRules([text], { pipeline: loaded?.pipeline });
    if (r.errors.length > 0) {
      throw new RampartError('INPUT_INVALID', `the rule cannot load: ${r.errors.map((e) => e.reason).join('; ')}`, {
        field: 'rule',
      });
    }
    if (r.rules.length === 0)
      throw new RampartError('INPUT_INVALID', 'the text holds no Sigma detection rule', { field: 'rule' });
    return r.rules;
  }
  const ids = new Set(req.ruleIds ?? []);
  if (ids.size === 0)
    throw new RampartError('USAGE', 'a retro-hunt needs a rule (YAML text) or rule ids', { field: 'rule' });
  const rules = (loaded?.rules ?? []).filter((r) => ids.has(r.id) || (r.name !== undefined && ids.has(r.name)));
  const missing = [...ids].filter((id) => !rules.some((r) => r.id === id || r.name === id));
  if (missing.length > 0) {
    throw new RampartError('SIEM_NOT_FOUND', `no loaded rule has id ${missing.join(', ')}`, { field: 'ruleIds' });
  }
  return rules;
}
