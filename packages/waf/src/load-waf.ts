/**
 * loadWaf: reads a CRS release directory (crs-setup.conf[.example], then rules/*.conf in order), extra setup files,
 * user rule files, or Rampart's built-in default rules when none is given; compiles them once into a plan.
 * Errors name file:line and rule id; with SecRuleEngine On an error in a CRS file fails closed (the WAF does not load).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RampartError } from '@rampart/core';
import { DEFAULT_RULES } from './defaults/rules.js';
import { type Evaluation, runTransaction } from './engine/waf.js';
import { verdictToEvent } from './engine/event.js';
import { type Plan, compilePlan } from './engine/plan.js';
import type { WafRequest, WafResponse, WafVerdict } from './engine/types.js';
import { type RuleLoadError, RuleLoader } from './seclang/load.js';
import type { SecurityEvent } from '@rampart/core/event';

/**
 * ModSecurity's recommended base configuration (modsecurity.conf-recommended, also Coraza's): XML and JSON bodies get
 * their processors, and a body that cannot be parsed is refused (400). CRS and its regression tests assume it.
 */
const ENGINE_RECOMMENDED = String.raw`
SecRule REQUEST_HEADERS:Content-Type "@rx ^(?:application(?:/soap\+|/)|text/)xml" "id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
SecRule REQBODY_ERROR "!@eq 0" "id:200002,phase:2,t:none,log,deny,status:400,msg:'Failed to parse request body.',logdata:'%{reqbody_error_msg}',severity:2"
SecRule MULTIPART_STRICT_ERROR "!@eq 0" "id:200003,phase:2,t:none,log,deny,status:400,msg:'Multipart request body failed strict validation'"
`;

export interface WafOptions {
  /** A CRS release directory. */
  crsDir?: string;
  /** Further rule files (user exclusions, own rules), loaded after CRS. */
  files?: readonly string[];
  /** Setup files loaded after crs-setup.conf and before the rules (e.g. CRS's test-setup.conf). */
  setup?: string | readonly string[];
  /** CRS paranoia level 1-4 (blocking and detection). */
  paranoia?: number;
  /** block (SecRuleEngine On, the default) or detect (DetectionOnly). */
  mode?: 'block' | 'detect';
  /** CRS inbound anomaly score threshold (default 5). */
  anomalyThreshold?: number;
  /** Rule text loaded last (tests, embedded configs). */
  rules?: string;
}

export interface Waf {
  evaluateRequest(req: WafRequest): WafVerdict;
  /** Request and (optionally) response phases, with the log lines of every match. */
  evaluate(req: WafRequest, res?: WafResponse): Evaluation;
  verdictToEvent(verdict: WafVerdict, req: WafRequest): SecurityEvent;
  /** Rules left out because of errors (only errors that did not fail the load). */
  readonly loadErrors: readonly RuleLoadError[];
  readonly ruleCount: number;
  readonly paranoiaLevel: number;
  /** The paranoia level a loaded rule runs at (its `paranoia-level/N` tag), undefined when it has none. */
  ruleParanoiaLevel(id: number): number | undefined;
}

export async function loadWaf(options: WafOptions = {}): Promise<Waf> {
  return loadWafSync(options);
}

export function loadWafSync(options: WafOptions = {}): Waf {
  const loader = new RuleLoader();
  const mode = options.mode ?? 'block';
  loader.loadText(
    `SecRuleEngine ${mode === 'block' ? 'On' : 'DetectionOnly'}\nSecRequestBodyAccess On\nSecResponseBodyAccess On\n` +
      'SecDefaultAction "phase:1,log,auditlog,pass"\nSecDefaultAction "phase:2,log,auditlog,pass"\n' +
      ENGINE_RECOMMENDED,
    '<engine defaults>',
    process.cwd(),
  );
  const crsFiles: string[] = [];
  if (options.crsDir !== undefined) {
    const dir = resolve(options.crsDir);
    const setup = ['crs-setup.conf', 'crs-setup.conf.example'].map((f) => join(dir, f)).find((f) => existsSync(f));
    const rulesDir = join(dir, 'rules');
    if (!existsSync(rulesDir))
      throw new RampartError('INPUT_NOT_FOUND', `CRS directory ${dir} has no rules/ folder`, { file: dir });
    if (setup !== undefined) loader.loadFile(setup);
    for (const s of typeof options.setup === 'string' ? [options.setup] : (options.setup ?? [])) loader.loadFile(s);
    loader.loadText(optionsRule(options), '<rampart options>', dir);
    for (const f of readdirSync(rulesDir)
      .filter((f) => f.endsWith('.conf'))
      .sort()) {
      crsFiles.push(join(rulesDir, f));
      loader.loadFile(join(rulesDir, f));
    }
  } else {
    for (const s of typeof options.setup === 'string' ? [options.setup] : (options.setup ?? [])) loader.loadFile(s);
    if ((options.files?.length ?? 0) === 0 && options.rules === undefined) {
      loader.loadText(optionsRule(options), '<rampart options>', process.cwd());
      loader.loadText(DEFAULT_RULES, '<rampart default rules>', process.cwd());
    }
  }
  for (const f of options.files ?? []) loader.loadFile(f);
  if (options.rules !== undefined) loader.loadText(options.rules, '<inline rules>', process.cwd());
  const crsSet = new Set(crsFiles);
  const fatal = loader.errors.filter((e) => crsSet.has(e.file) || e.line === 0);
  if (fatal.length > 0 && loader.settings.engine === 'On') {
    throw new RampartError(
      'WAF_RULES_INVALID',
      `${fatal.length} error(s) in CRS rule files; refusing to run a partial rule set with SecRuleEngine On`,
      {
        details: fatal.map(
          (e) =>
            new RampartError(
              'WAF_RULE_INVALID',
              e.ruleId === undefined ? e.message : `rule ${e.ruleId}: ${e.message}`,
              {
                file: e.file,
                line: e.line,
              },
            ),
        ),
      },
    );
  }
  const plan = compilePlan(loader.items, loader.settings, (p) => loader.defaultDisruptive(p));
  return new LoadedWaf(plan, loader.errors, options.paranoia ?? 1);
}

/** The options as CRS setup variables, in a SecAction placed after the setup files (so they win). */
function optionsRule(o: WafOptions): string {
  const setvars: string[] = [];
  if (o.paranoia !== undefined) {
    if (!Number.isInteger(o.paranoia) || o.paranoia < 1 || o.paranoia > 4)
      throw new RampartError('USAGE', `paranoia level must be 1-4, not ${o.paranoia}`, { field: 'paranoia' });
    setvars.push(`setvar:tx.blocking_paranoia_level=${o.paranoia}`, `setvar:tx.detection_paranoia_level=${o.paranoia}`);
  }
  if (o.anomalyThreshold !== undefined)
    setvars.push(`setvar:tx.inbound_anomaly_score_threshold=${Math.floor(o.anomalyThreshold)}`);
  if (setvars.length === 0) return '';
  return `SecAction "id:8999001,phase:1,pass,nolog,${setvars.join(',')}"\n`;
}

class LoadedWaf implements Waf {
  constructor(
    private readonly plan: Plan,
    readonly loadErrors: readonly RuleLoadError[],
    readonly paranoiaLevel: number,
  ) {}

  ruleParanoiaLevel(id: number): number | undefined {
    for (const ph of this.plan.phases)
      for (const r of ph.rules) {
        if (r === undefined || r.id !== id) continue;
        const tag = r.tags.find((t) => t.startsWith('paranoia-level/'));
        return tag === undefined ? undefined : Number(tag.slice('paranoia-level/'.length));
      }
    return undefined;
  }

  get ruleCount(): number {
    return this.plan.ruleCount;
  }

  evaluateRequest(req: WafRequest): WafVerdict {
    return runTransaction(this.plan, req).result;
  }

  evaluate(req: WafRequest, res?: WafResponse): Evaluation {
    return runTransaction(this.plan, req, res);
  }

  verdictToEvent(verdict: WafVerdict, req: WafRequest): SecurityEvent {
    const pl = (verdict as { paranoiaLevel?: number }).paranoiaLevel ?? this.paranoiaLevel;
    return verdictToEvent(verdict, req, pl);
  }
}
