/**
 * The compiled plan: rules split by phase in load order, markers present in every phase, and skipAfter targets
 * resolved to indexes once, so a transaction walks flat arrays.
 */
import type { EngineSettings, PlanItem } from '../seclang/load.js';
import type { Disruptive, Rule } from './rule.js';

export interface PhasePlan {
  rules: (Rule | undefined)[];
  /** Marker name → index of the marker in `rules` (the slot is undefined). */
  markers: Map<string, number>;
}

export interface Plan {
  phases: PhasePlan[];
  settings: EngineSettings;
  defaultDisruptive: (phase: number) => Disruptive;
  ruleCount: number;
}

export function compilePlan(items: readonly PlanItem[], settings: EngineSettings, defaults: Plan['defaultDisruptive']) {
  const phases: PhasePlan[] = [];
  for (let p = 0; p <= 5; p++) phases.push({ rules: [], markers: new Map() });
  let ruleCount = 0;
  for (const it of items) {
    if (it.kind === 'marker') {
      for (const ph of phases) {
        ph.markers.set(it.name, ph.rules.length);
        ph.rules.push(undefined);
      }
    } else {
      (phases[it.rule.phase] as PhasePlan).rules.push(it.rule);
      ruleCount++;
    }
  }
  // skipAfter may also name a rule id: index it like a marker.
  for (const ph of phases) {
    ph.rules.forEach((r, i) => {
      if (r !== undefined && !ph.markers.has(String(r.id))) ph.markers.set(String(r.id), i);
    });
  }
  return { phases, settings, defaultDisruptive: defaults, ruleCount } satisfies Plan;
}
