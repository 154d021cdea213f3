/**
 * One request (and optionally its response) through the compiled plan: phases 1-5 in order, each rule's targets
 * resolved, transformed (cached per value and chain prefix within the transaction), matched, and on a full chain
 * match its actions run (setvar, ctl, log, skip/skipAfter, disruptive). Detection-only records what would block.
 */
import { randomBytes } from 'node:crypto';

// UNIQUE_ID: a random per-process prefix and a counter (no entropy drawn per request).
const ID_PREFIX = randomBytes(6).toString('hex');
let idCounter = 0;
function nextUniqueId(): string {
  idCounter = (idCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `${ID_PREFIX}${idCounter.toString(16).padStart(8, '0')}`;
}
import type { MatchContext } from '../operators/operator.js';
import { Collection, VariableStore } from '../variables/collection.js';
import { type RequestVariables, newRequestVariables } from '../variables/request-variables.js';
import type { VariableSpec } from '../variables/spec.js';
import { TX_SLOT, slotOf } from '../variables/names.js';
import { type Macro, expandMacro } from './macro.js';
import type { Plan } from './plan.js';
import type { Rule } from './rule.js';
import { runCtl } from './ctl.js';
import { runSetVar } from './setvar.js';
import type { WafMatch } from './types.js';
import type { EngineMode } from '../seclang/load.js';

interface Value {
  name: string;
  value: string;
  /** Transformation results of this value by chain-prefix key, filled on first use within the transaction. */
  t?: Map<string, string>;
}

const NO_VALUES: readonly Value[] = [];

export interface RemovedTarget {
  ruleId: number | undefined;
  tag: string | undefined;
  spec: VariableSpec;
}

export class Transaction implements MatchContext {
  readonly vars: RequestVariables = newRequestVariables();
  readonly stores = new Map<string, VariableStore>([['TX', new VariableStore()]]);
  readonly matches: WafMatch[] = [];
  readonly logLines: string[] = [];
  engine: EngineMode;
  requestBodyProcessor: string | undefined;
  forceRequestBodyVariable = false;
  removedIds: ((id: number) => boolean)[] = [];
  removedTags: string[] = [];
  removedTargets: RemovedTarget[] = [];
  /** Set by a disruptive action (or what would have been one in detection-only mode). */
  interruption: { ruleId: number; status: number; action: string } | undefined;
  allowed = false;
  capturing = false;
  private current: Rule | undefined;
  private matchedVar = '';
  private matchedVarName = '';
  private matchedVars = new Collection('MATCHED_VARS');
  /** Single variables as values, made once per transaction (so their transformation cache lives on). */
  private readonly singleValues = new Map<string, readonly Value[]>();
  readonly uniqueId = nextUniqueId();

  constructor(readonly plan: Plan) {
    this.engine = plan.settings.engine;
  }

  get tx(): VariableStore {
    return this.stores.get('TX') as VariableStore;
  }

  /** Runs one phase; returns true when the transaction was interrupted (only in engine mode On). */
  runPhase(phase: number): boolean {
    if (this.engine === 'Off') return false;
    if (this.interruption !== undefined && this.engine === 'On') return true;
    if (this.allowed && phase < 5) return false;
    const { rules, markers } = this.plan.phases[phase] as Plan['phases'][number];
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (rule === undefined) continue;
      if (this.isRemoved(rule)) continue;
      if (this.matchedVars.size > 0) this.matchedVars = new Collection('MATCHED_VARS');
      this.matchedVar = '';
      this.matchedVarName = '';
      this.current = rule;
      if (!this.evaluate(rule)) continue;
      this.onMatch(rule, phase);
      if (this.interruption !== undefined && this.engine === 'On') return true;
      if (this.allowed) return false;
      if (rule.skipAfter !== undefined) {
        const to = markers.get(rule.skipAfter);
        if (to !== undefined && to > i) i = to;
      } else if (rule.skip > 0) {
        for (let k = rule.skip; k > 0 && i + 1 < rules.length; ) if (rules[++i] !== undefined) k--;
      }
    }
    return false;
  }

  private isRemoved(rule: Rule): boolean {
    for (const f of this.removedIds) if (f(rule.id)) return true;
    if (this.removedTags.length > 0) for (const t of rule.tags) if (this.removedTags.includes(t)) return true;
    return false;
  }

  /** Whether the rule (and every link of its chain) matches. */
  private evaluate(rule: Rule): boolean {
    let matched = rule.unconditional;
    if (!matched) {
      this.capturing = rule.capture;
      for (const spec of rule.targets) {
        const values = this.resolve(spec, rule);
        for (const v of values) {
          if (this.matchValue(rule, v)) matched = true;
        }
      }
    }
    if (!matched) return false;
    if (rule.unconditional) this.runNonDisruptive(rule);
    if (rule.chain !== undefined) return this.evaluate(rule.chain);
    return true;
  }

  private matchValue(rule: Rule, v: Value): boolean {
    const chain = rule.transforms;
    if (rule.multiMatch) {
      if (this.check(rule, v, v.value)) return true;
      let cur = v.value;
      for (const fn of chain.fns) {
        const next = fn(cur);
        if (next !== cur && this.check(rule, v, next)) return true;
        cur = next;
      }
      return false;
    }
    return this.check(rule, v, chain.fns.length === 0 ? v.value : this.transform(v, chain));
  }

  private check(rule: Rule, v: Value, input: string): boolean {
    if (rule.operator.match(input, this) === rule.negated) return false;
    this.matchedVar = rule.capture ? input : v.value;
    this.matchedVarName = v.name;
    this.matchedVars.add(v.name, input);
    this.runNonDisruptive(rule);
    return true;
  }

  /**
   * As in ModSecurity, setvar and ctl run for every matched value, when it matches (with that match's captures), before
   * the next chain link is evaluated and whether or not the whole chain matches: CRS counts multipart headers this
   * way, and its chains read variables their head just set.
   */
  private runNonDisruptive(rule: Rule): void {
    const prev = this.current;
    this.current = rule.head ?? rule;
    for (const sv of rule.setvars) runSetVar(this, sv);
    for (const c of rule.ctls) runCtl(this, c);
    this.current = prev;
  }

  /** The value through the chain, each prefix computed once per value per transaction (shared across rules). */
  private transform(v: Value, chain: Rule['transforms']): string {
    let cache = v.t;
    if (cache === undefined) {
      cache = new Map();
      v.t = cache;
    }
    const last = chain.prefixKeys.length - 1;
    const hit = cache.get(chain.prefixKeys[last] as string);
    if (hit !== undefined) return hit;
    let cur = v.value;
    for (let i = 0; i < chain.fns.length; i++) {
      const key = chain.prefixKeys[i] as string;
      const h = cache.get(key);
      if (h !== undefined) cur = h;
      else {
        cur = (chain.fns[i] as (s: string) => string)(cur);
        cache.set(key, cur);
      }
    }
    return cur;
  }

  /** Values of one target, less the rule's exclusions and the targets removed by ctl for this rule. */
  resolve(spec: VariableSpec, rule: Rule | undefined): readonly Value[] {
    const name = spec.name;
    const slot = spec.slot;
    if (slot >= 0) {
      // Hot path: a request collection, found by slot; empty ones (most, on most requests) cost nothing.
      const c = this.vars.bySlot[slot] as Collection;
      if (c.entries.length === 0) return spec.count ? [{ name, value: '0' }] : NO_VALUES;
      return this.resolveCollection(c, spec, rule);
    }
    if (slot === TX_SLOT) return this.resolveStore(this.tx, spec, rule);
    const store = this.stores.get(name) ?? this.persistentStore(name);
    if (store !== undefined) return this.resolveStore(store, spec, rule);
    const collection = this.collection(name);
    if (collection !== undefined) return this.resolveCollection(collection, spec, rule);
    const single = this.single(name);
    if (spec.count) return [{ name, value: single === undefined ? '0' : '1' }];
    if (single === undefined) return NO_VALUES;
    if (name === 'MATCHED_VAR' || name === 'MATCHED_VAR_NAME') return [{ name, value: single }];
    let values = this.singleValues.get(name);
    if (values === undefined || (values[0] as Value).value !== single) {
      values = [{ name, value: single }];
      this.singleValues.set(name, values);
    }
    return values;
  }

  private resolveCollection(collection: Collection, spec: VariableSpec, rule: Rule | undefined): readonly Value[] {
    const name = spec.name;
    {
      let entries = collection.entries;
      if (spec.key !== undefined) entries = collection.get(spec.key) as typeof entries;
      else if (spec.keyRegex !== undefined) entries = entries.filter((e) => (spec.keyRegex as RegExp).test(e.key));
      if (rule !== undefined && entries.length > 0 && this.mayExclude(rule, name))
        entries = entries.filter((e) => !this.excluded(rule, name, e.key));
      if (spec.count) return [{ name, value: String(entries.length) }];
      // MATCHED_VARS grows while a chain link iterates it: iterate a snapshot.
      return collection === this.matchedVars ? entries.slice() : entries;
    }
  }

  /** TX and the other setvar collections are read straight from their store (no copy per rule). */
  private resolveStore(store: VariableStore, spec: VariableSpec, rule: Rule | undefined): readonly Value[] {
    const name = spec.name;
    if (spec.key !== undefined) {
      const v = store.get(spec.key);
      if (spec.count) return [{ name, value: v === undefined ? '0' : '1' }];
      return v === undefined ? NO_VALUES : [{ name: spec.fullName, value: v }];
    }
    const out: Value[] = [];
    for (const [k, v] of store.values) {
      if (spec.keyRegex !== undefined && !spec.keyRegex.test(k)) continue;
      if (rule !== undefined && this.excluded(rule, name, k)) continue;
      out.push({ name: `${name}:${k}`, value: v });
    }
    if (spec.count) return [{ name, value: String(out.length) }];
    return out;
  }

  private persistentStore(name: string): VariableStore | undefined {
    if (name !== 'IP' && name !== 'GLOBAL' && name !== 'SESSION' && name !== 'USER' && name !== 'RESOURCE')
      return undefined;
    const s = new VariableStore();
    this.stores.set(name, s);
    return s;
  }

  /** Cheap test before filtering: does any exclusion of the rule (or ctl removal) name this collection? */
  private mayExclude(rule: Rule, name: string): boolean {
    for (const s of rule.exclusions) if (s.name === name) return true;
    for (const r of this.removedTargets) if (r.spec.name === name) return true;
    return false;
  }

  private excluded(rule: Rule, name: string, key: string): boolean {
    const lower = key.toLowerCase();
    const hit = (s: VariableSpec) =>
      s.name === name && (s.key === undefined ? s.keyRegex === undefined || s.keyRegex.test(key) : s.key === lower);
    for (const s of rule.exclusions) if (hit(s)) return true;
    for (const r of this.removedTargets) {
      if (r.ruleId !== undefined && r.ruleId !== rule.id) continue;
      if (r.tag !== undefined && !rule.tags.includes(r.tag)) continue;
      if (hit(r.spec)) return true;
    }
    return false;
  }

  private collection(name: string): Collection | undefined {
    const c = this.vars.collections.get(name);
    if (c !== undefined) return c;
    if (name === 'MATCHED_VARS') return this.matchedVars;
    if (name === 'MATCHED_VARS_NAMES') {
      const c2 = new Collection('MATCHED_VARS_NAMES');
      for (const e of this.matchedVars.entries) c2.add(e.key, e.key);
      return c2;
    }
    return undefined;
  }

  private single(name: string): string | undefined {
    switch (name) {
      case 'MATCHED_VAR':
        return this.matchedVar;
      case 'MATCHED_VAR_NAME':
        return this.matchedVarName;
      case 'UNIQUE_ID':
        return this.uniqueId;
      case 'REQBODY_PROCESSOR':
        // Empty, not absent, when no processor applies: CRS tests it with a negated @rx.
        return this.requestBodyProcessor ?? '';
      case 'DURATION':
        return '0';
      case 'TIME_EPOCH':
        return String(Math.floor(Date.now() / 1000));
      default:
        return this.vars.singles.get(name);
    }
  }

  setCapture(index: number, value: string): void {
    this.tx.set(String(index), value);
  }

  resolveMacroVariable(collection: string, key: string): string {
    if (collection === 'RULE') {
      const r = this.current;
      if (r === undefined) return '';
      if (key === 'id') return String(r.id);
      if (key === 'msg') return r.msg ?? '';
      if (key === 'severity') return r.severity ?? '';
      if (key === 'ver') return r.ver ?? '';
      return '';
    }
    const store = this.stores.get(collection);
    if (store !== undefined) return store.get(key) ?? '';
    const spec: VariableSpec = {
      fullName: key === '' ? collection : `${collection}:${key}`,
      slot: slotOf(collection),
      name: collection,
      key: key === '' ? undefined : key,
      keyRegex: undefined,
      count: false,
      exclude: false,
      text: collection,
    };
    return this.resolve(spec, undefined)[0]?.value ?? '';
  }

  expand(text: string | undefined, macro: Macro | undefined): string | undefined {
    return macro === undefined ? text : expandMacro(macro, this);
  }

  private onMatch(head: Rule, phase: number): void {
    this.current = head;
    if (head.log) {
      let logdataRule: Rule | undefined = head;
      while (logdataRule !== undefined && logdataRule.logdata === undefined) logdataRule = logdataRule.chain;
      const msg = this.expand(head.msg, head.msgMacro);
      const data = logdataRule === undefined ? undefined : this.expand(logdataRule.logdata, logdataRule.logdataMacro);
      const m: WafMatch = { id: head.id, tags: head.tags, phase };
      if (msg !== undefined) m.msg = msg;
      if (data !== undefined) m.data = data;
      if (head.severity !== undefined) m.severity = head.severity;
      this.matches.push(m);
      this.logLines.push(logLine(m, this));
    }
    let d = head.disruptive;
    if (d === 'block') d = this.plan.defaultDisruptive(phase);
    if (d === 'deny' || d === 'drop' || d === 'redirect') {
      if (this.interruption === undefined)
        this.interruption = { ruleId: head.id, status: head.status ?? 403, action: d };
    } else if (d === 'allow') {
      if (this.engine === 'On') this.allowed = true;
    }
  }
}

function logLine(m: WafMatch, t: Transaction): string {
  const esc = (s: string) => s.replace(/"/g, '\\"');
  let line = `ModSecurity: Warning. [id "${m.id}"]`;
  if (m.msg !== undefined) line += ` [msg "${esc(m.msg)}"]`;
  if (m.data !== undefined) line += ` [data "${esc(m.data)}"]`;
  if (m.severity !== undefined) line += ` [severity "${m.severity}"]`;
  for (const tag of m.tags) line += ` [tag "${esc(tag)}"]`;
  line += ` [uri "${esc(t.vars.singles.get('REQUEST_FILENAME') ?? '')}"] [unique_id "${t.uniqueId}"]`;
  return line;
}
