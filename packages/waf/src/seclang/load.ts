/**
 * Loads SecLang files into an ordered list of rules and markers plus engine settings. Directives act in file order,
 * as in ModSecurity: SecRuleRemoveById and SecRuleUpdateTargetById change the rules defined before them. A rule with
 * an error is left out and the error kept (file:line, rule id); the caller decides whether that is fatal.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Rule } from '../engine/rule.js';
import { parseVariable, splitTargets } from '../variables/spec.js';
import { parseActions } from './actions.js';
import { expandInclude } from './glob.js';
import { type Directive, lexSecLang } from './lexer.js';
import { type PhaseDefaults, RuleSyntaxError, buildRule } from './rule-builder.js';

export type EngineMode = 'On' | 'Off' | 'DetectionOnly';

export interface RuleLoadError {
  file: string;
  line: number;
  ruleId: number | undefined;
  message: string;
}

export type PlanItem = { kind: 'rule'; rule: Rule } | { kind: 'marker'; name: string };

export interface EngineSettings {
  engine: EngineMode;
  requestBodyAccess: boolean;
  requestBodyLimit: number;
  responseBodyAccess: boolean;
  responseBodyMimeTypes: string[];
}

const IGNORED_DIRECTIVES = new Set(
  [
    'SecComponentSignature',
    'SecCollectionTimeout',
    'SecArgumentSeparator',
    'SecRequestBodyNoFilesLimit',
    'SecRequestBodyInMemoryLimit',
    'SecRequestBodyLimitAction',
    'SecResponseBodyLimit',
    'SecResponseBodyLimitAction',
    'SecPcreMatchLimit',
    'SecPcreMatchLimitRecursion',
    'SecTmpDir',
    'SecDataDir',
    'SecUploadDir',
    'SecUploadKeepFiles',
    'SecUploadFileMode',
    'SecAuditEngine',
    'SecAuditLog',
    'SecAuditLogParts',
    'SecAuditLogType',
    'SecAuditLogFormat',
    'SecAuditLogRelevantStatus',
    'SecAuditLogStorageDir',
    'SecDebugLog',
    'SecDebugLogLevel',
    'SecCookieFormat',
    'SecUnicodeMapFile',
    'SecStatusEngine',
    'SecTmpSaveUploadedFiles',
    'SecServerSignature',
    'SecWebAppId',
    'SecXmlExternalEntity',
    'SecRequestBodyJsonDepthLimit',
    'SecArgumentsLimit',
  ].map((d) => d.toLowerCase()),
);

export class RuleLoader {
  readonly items: PlanItem[] = [];
  readonly errors: RuleLoadError[] = [];
  readonly settings: EngineSettings = {
    engine: 'On',
    requestBodyAccess: true,
    requestBodyLimit: 13107200,
    responseBodyAccess: true,
    responseBodyMimeTypes: ['text/plain', 'text/html', 'text/xml', 'application/json'],
  };
  private readonly defaults = new Map<number, PhaseDefaults>();
  private pendingChain: Rule | undefined;
  private brokenChain = false;
  private readonly byId = new Map<number, Rule>();

  loadFile(path: string): void {
    let text: string;
    try {
      text = readFileSync(path, 'latin1');
    } catch (e) {
      this.errors.push({ file: path, line: 0, ruleId: undefined, message: `cannot read: ${(e as Error).message}` });
      return;
    }
    this.loadText(text, path);
  }

  loadText(text: string, file: string, baseDir: string = dirname(file)): void {
    let directives: Directive[];
    try {
      directives = lexSecLang(text, file);
    } catch (e) {
      const err = e as { line?: number; message: string };
      this.errors.push({ file, line: err.line ?? 0, ruleId: undefined, message: err.message });
      return;
    }
    for (const d of directives) {
      try {
        this.apply(d, baseDir);
      } catch (e) {
        const ruleId = e instanceof RuleSyntaxError ? e.ruleId : undefined;
        this.errors.push({ file: d.file, line: d.line, ruleId, message: (e as Error).message });
      }
    }
  }

  private apply(d: Directive, baseDir: string): void {
    const name = d.name.toLowerCase();
    const arg = (i: number) => d.args[i] ?? '';
    switch (name) {
      case 'secrule':
        if (d.args.length < 2) throw new RuleSyntaxError('SecRule needs VARIABLES OPERATOR [ACTIONS]', undefined);
        this.addRule(d, arg(0), arg(1), arg(2));
        return;
      case 'secaction':
        this.addRule(d, undefined, undefined, arg(0));
        return;
      case 'secmarker':
        this.items.push({ kind: 'marker', name: arg(0) });
        return;
      case 'secdefaultaction':
        this.setDefaults(arg(0));
        return;
      case 'secruleengine':
        this.settings.engine = parseEngine(arg(0));
        return;
      case 'secrequestbodyaccess':
        this.settings.requestBodyAccess = arg(0).toLowerCase() === 'on';
        return;
      case 'secresponsebodyaccess':
        this.settings.responseBodyAccess = arg(0).toLowerCase() === 'on';
        return;
      case 'secrequestbodylimit':
        this.settings.requestBodyLimit = Number(arg(0));
        return;
      case 'secresponsebodymimetype':
        this.settings.responseBodyMimeTypes = d.args.join(' ').split(/\s+/).filter(Boolean);
        return;
      case 'secruleremovebyid':
        this.removeWhere((r) => d.args.some((a) => idInRange(r.id, a)));
        return;
      case 'secruleremovebytag':
        this.removeWhere((r) => r.tags.some((t) => t === arg(0)));
        return;
      case 'secruleremovebymsg':
        this.removeWhere((r) => r.msg === arg(0));
        return;
      case 'secruleupdatetargetbyid':
        this.updateTargets((r) => d.args[0]?.split(/[\s,]+/).some((a) => idInRange(r.id, a)) ?? false, arg(1));
        return;
      case 'secruleupdatetargetbytag':
        this.updateTargets((r) => r.tags.includes(arg(0)), arg(1));
        return;
      case 'include':
        for (const f of expandInclude(arg(0), baseDir)) this.loadFile(f);
        return;
      default:
        if (IGNORED_DIRECTIVES.has(name)) return;
        throw new RuleSyntaxError(`unknown directive ${d.name}`, undefined);
    }
  }

  private addRule(d: Directive, targets: string | undefined, operator: string | undefined, actions: string): void {
    const parent = this.pendingChain;
    if (parent === undefined) this.brokenChain = false;
    let rule: Rule;
    try {
      rule = buildRule(targets, operator, actions, {
        file: d.file,
        line: d.line,
        defaults: (p) => this.defaults.get(p),
        readDataFile: (n) => readFileSync(isAbsolute(n) ? n : resolve(dirname(d.file), n), 'latin1'),
        chainParent: parent,
      });
    } catch (e) {
      // A broken link breaks its whole chain: drop the head too, and the links that follow.
      if (parent !== undefined) this.dropChain(parent);
      this.pendingChain = chainContinues(actions) ? (parent ?? placeholder()) : undefined;
      this.brokenChain = this.pendingChain !== undefined;
      throw e;
    }
    const continues = (rule as Rule & { pendingChain?: boolean }).pendingChain === true;
    if (parent !== undefined) {
      parent.chain = rule;
      if (this.brokenChain) {
        this.pendingChain = continues ? rule : undefined;
        return;
      }
    } else {
      if (this.byId.has(rule.id) && rule.id !== 0) throw new RuleSyntaxError(`duplicate rule id ${rule.id}`, rule.id);
      this.items.push({ kind: 'rule', rule });
      this.byId.set(rule.id, rule);
    }
    this.pendingChain = continues ? rule : undefined;
  }

  private dropChain(link: Rule): void {
    const head = link.head ?? link;
    this.removeWhere((r) => r === head);
  }

  private setDefaults(text: string): void {
    const actions = parseActions(text);
    const phase = Number(actions.find((a) => a.name === 'phase')?.value ?? 2);
    const d: PhaseDefaults = { disruptive: 'pass', log: true, transforms: [] };
    for (const a of actions) {
      const n = a.name.toLowerCase();
      if (['pass', 'deny', 'block', 'drop', 'allow', 'redirect'].includes(n))
        d.disruptive = n as PhaseDefaults['disruptive'];
      else if (n === 'nolog') d.log = false;
      else if (n === 'log') d.log = true;
      else if (n === 't' && a.value.toLowerCase() !== 'none') d.transforms.push(a.value.toLowerCase());
    }
    this.defaults.set(phase, d);
  }

  private removeWhere(pred: (r: Rule) => boolean): void {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const it = this.items[i] as PlanItem;
      if (it.kind === 'rule' && pred(it.rule)) {
        this.items.splice(i, 1);
        this.byId.delete(it.rule.id);
      }
    }
  }

  private updateTargets(pred: (r: Rule) => boolean, targets: string): void {
    const specs = splitTargets(targets).map((t) => parseVariable(t));
    for (const it of this.items) {
      if (it.kind !== 'rule' || !pred(it.rule)) continue;
      for (const s of specs) (s.exclude ? it.rule.exclusions : it.rule.targets).push(s);
    }
  }

  /** The default disruptive action of a phase (what `block` means there). */
  defaultDisruptive(phase: number): PhaseDefaults['disruptive'] {
    return this.defaults.get(phase)?.disruptive ?? 'pass';
  }
}

function chainContinues(actions: string): boolean {
  return parseActions(actions).some((a) => a.name.toLowerCase() === 'chain');
}

function placeholder(): Rule {
  return { id: 0 } as Rule;
}

function parseEngine(v: string): EngineMode {
  const l = v.toLowerCase();
  if (l === 'on') return 'On';
  if (l === 'off') return 'Off';
  if (l === 'detectiononly') return 'DetectionOnly';
  throw new RuleSyntaxError(`SecRuleEngine must be On, Off or DetectionOnly, not "${v}"`, undefined);
}

export function idInRange(id: number, spec: string): boolean {
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec.trim().replace(/^"|"$/g, ''));
  if (m === null) return false;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return id >= lo && id <= hi;
}
