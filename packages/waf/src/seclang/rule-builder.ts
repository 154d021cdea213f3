/**
 * Builds a Rule from `SecRule VARIABLES OPERATOR ACTIONS` or `SecAction ACTIONS`: parses targets, compiles the
 * operator, resolves transformation names, and reads every action CRS and typical exclusion files use.
 */
import { compileMacro } from '../engine/macro.js';
import { type Ctl, type Disruptive, type Rule, SEVERITIES, type SetVar, type TransformChain } from '../engine/rule.js';
import { OPERATORS } from '../operators/index.js';
import { type OperatorEnv, OperatorError } from '../operators/operator.js';
import { TRANSFORMATIONS, type Transformation } from '../transformations/index.js';
import { parseVariable, splitTargets } from '../variables/spec.js';
import { parseActions } from './actions.js';

export class RuleSyntaxError extends Error {
  constructor(
    message: string,
    readonly ruleId: number | undefined,
  ) {
    super(message);
  }
}

export interface PhaseDefaults {
  disruptive: Disruptive;
  log: boolean;
  transforms: string[];
}

export interface BuildContext {
  file: string;
  line: number;
  defaults: (phase: number) => PhaseDefaults | undefined;
  readDataFile(name: string): string;
  /** The rule this one continues (`chain` on the previous rule), if any. */
  chainParent: Rule | undefined;
}

const IGNORED_ACTIONS = new Set([
  'auditlog',
  'noauditlog',
  'rev',
  'maturity',
  'accuracy',
  'sanitisematched',
  'sanitizematched',
  'sanitisearg',
  'sanitizearg',
  'initcol',
  'expirevar',
  'setuid',
  'setsid',
  'exec',
  'append',
  'prepend',
  'xmlns',
  'sanitisematchedbytes',
  'sanitizematchedbytes',
  'deprecatevar',
]);

export function buildRule(
  targetsText: string | undefined,
  operatorText: string | undefined,
  actionsText: string,
  ctx: BuildContext,
): Rule {
  const actions = parseActions(actionsText);
  const idAction = actions.find((a) => a.name.toLowerCase() === 'id');
  const id = idAction === undefined ? 0 : Number(idAction.value);
  const fail = (msg: string) => new RuleSyntaxError(msg, id === 0 ? ctx.chainParent?.head?.id : id);
  if (ctx.chainParent === undefined && (idAction === undefined || !Number.isInteger(id) || id <= 0))
    throw fail('rule has no valid id action');
  const rule: Rule = {
    id: ctx.chainParent?.head?.id ?? id,
    phase: ctx.chainParent?.phase ?? 2,
    file: ctx.file,
    line: ctx.line,
    targets: [],
    exclusions: [],
    operatorName: 'unconditionalMatch',
    operatorArgument: '',
    operator: { match: () => true },
    negated: false,
    transforms: chainOf([]),
    multiMatch: false,
    capture: false,
    chain: undefined,
    head: undefined,
    disruptive: undefined,
    status: undefined,
    msg: undefined,
    msgMacro: undefined,
    logdata: undefined,
    logdataMacro: undefined,
    tags: [],
    severity: undefined,
    ver: undefined,
    setvars: [],
    ctls: [],
    skip: 0,
    skipAfter: undefined,
    log: true,
    unconditional: targetsText === undefined,
  };
  rule.head = ctx.chainParent?.head ?? rule;
  const phaseAction = actions.find((a) => a.name.toLowerCase() === 'phase');
  if (phaseAction !== undefined) rule.phase = parsePhase(phaseAction.value, fail);
  const defaults = ctx.chainParent === undefined ? ctx.defaults(rule.phase) : undefined;
  let transformNames: string[] = defaults?.transforms.slice() ?? [];
  if (defaults !== undefined) rule.log = defaults.log;
  let hasChain = false;
  for (const a of actions) {
    const name = a.name.toLowerCase();
    const v = a.value;
    switch (name) {
      case 'id':
      case 'phase':
        break;
      case 't':
        if (v.toLowerCase() === 'none') transformNames = [];
        else if (!TRANSFORMATIONS.has(v.toLowerCase())) throw fail(`unknown transformation t:${v}`);
        else transformNames.push(v.toLowerCase());
        break;
      case 'msg':
        rule.msg = v;
        rule.msgMacro = compileMacro(v);
        break;
      case 'logdata':
        rule.logdata = v;
        rule.logdataMacro = compileMacro(v);
        break;
      case 'tag':
        rule.tags.push(v);
        break;
      case 'severity':
        rule.severity = /^\d$/.test(v) ? SEVERITIES[Number(v)] : v.toUpperCase();
        break;
      case 'ver':
        rule.ver = v;
        break;
      case 'chain':
        hasChain = true;
        break;
      case 'pass':
      case 'block':
      case 'deny':
      case 'drop':
      case 'allow':
      case 'redirect':
        rule.disruptive = name;
        break;
      case 'status':
        rule.status = Number(v);
        break;
      case 'capture':
        rule.capture = true;
        break;
      case 'multimatch':
        rule.multiMatch = true;
        break;
      case 'log':
        rule.log = true;
        break;
      case 'nolog':
        rule.log = false;
        break;
      case 'skip':
        rule.skip = Number(v);
        break;
      case 'skipafter':
        rule.skipAfter = v;
        break;
      case 'setvar':
        rule.setvars.push(parseSetVar(v, fail));
        break;
      case 'ctl':
        rule.ctls.push(parseCtl(v, fail));
        break;
      default:
        if (!IGNORED_ACTIONS.has(name)) throw fail(`unknown action "${a.name}"`);
    }
  }
  if (hasChain) (rule as Rule & { pendingChain?: boolean }).pendingChain = true;
  if (rule.disruptive === undefined && ctx.chainParent === undefined) rule.disruptive = undefined;
  rule.transforms = chainOf(transformNames);
  if (targetsText !== undefined) {
    for (const t of splitTargets(targetsText)) {
      let spec: ReturnType<typeof parseVariable>;
      try {
        spec = parseVariable(t);
      } catch (e) {
        throw fail((e as Error).message);
      }
      (spec.exclude ? rule.exclusions : rule.targets).push(spec);
    }
    compileOperator(rule, operatorText ?? '', ctx, fail);
  }
  return rule;
}

function parsePhase(v: string, fail: (m: string) => Error): number {
  const names: Record<string, number> = { request: 2, response: 4, logging: 5 };
  const p = names[v.toLowerCase()] ?? Number(v);
  if (!Number.isInteger(p) || p < 1 || p > 5) throw fail(`invalid phase "${v}"`);
  return p;
}

function compileOperator(rule: Rule, text: string, ctx: BuildContext, fail: (m: string) => Error): void {
  let t = text.trim();
  if (t.startsWith('!')) {
    rule.negated = true;
    t = t.slice(1).trim();
  }
  let name = 'rx';
  let arg = t;
  if (t.startsWith('@')) {
    const sp = t.search(/\s/);
    name = sp < 0 ? t.slice(1) : t.slice(1, sp);
    arg = sp < 0 ? '' : t.slice(sp + 1).replace(/^\s+/, '');
  }
  const factory = OPERATORS.get(name.toLowerCase());
  if (factory === undefined) throw fail(`unknown operator @${name}`);
  const env: OperatorEnv = { ruleId: rule.id, readDataFile: (n) => ctx.readDataFile(n) };
  try {
    rule.operator = factory(arg, env);
  } catch (e) {
    if (e instanceof OperatorError) throw fail(e.message);
    throw fail(`@${name}: ${(e as Error).message}`);
  }
  rule.operatorName = name;
  rule.operatorArgument = arg;
}

const chainCache = new Map<string, TransformChain>();

export function chainOf(names: readonly string[]): TransformChain {
  const key = names.join(',');
  let c = chainCache.get(key);
  if (c === undefined) {
    c = {
      key,
      fns: names.map((n) => TRANSFORMATIONS.get(n) as Transformation),
      prefixKeys: names.map((_n, i) => names.slice(0, i + 1).join(',')),
    };
    chainCache.set(key, c);
  }
  return c;
}

function parseSetVar(v: string, fail: (m: string) => Error): SetVar {
  let text = v.trim();
  let op: SetVar['op'] = '=';
  if (text.startsWith('!')) {
    op = '!';
    text = text.slice(1);
  }
  const eq = text.indexOf('=');
  const target = eq < 0 ? text : text.slice(0, eq);
  let value = eq < 0 ? '1' : text.slice(eq + 1);
  if (op !== '!' && (value.startsWith('+') || value.startsWith('-'))) {
    op = value[0] as '+' | '-';
    value = value.slice(1);
  }
  const dot = target.indexOf('.');
  if (dot < 0) throw fail(`setvar "${v}" has no collection (expected tx.name=value)`);
  const collection = target.slice(0, dot).toUpperCase();
  const key = target.slice(dot + 1).toLowerCase();
  return { collection, key, keyMacro: compileMacro(key), op, value, valueMacro: compileMacro(value) };
}

const CTLS = new Set([
  'ruleremovebyid',
  'ruleremovebytag',
  'ruleremovetargetbyid',
  'ruleremovetargetbytag',
  'ruleengine',
  'requestbodyprocessor',
  'requestbodyaccess',
  'forcerequestbodyvariable',
  'auditengine',
  'auditlogparts',
  'responsebodyaccess',
  'debugloglevel',
  'requestbodylimit',
  'ruleremovebymsg',
  'hashengine',
]);

function parseCtl(v: string, fail: (m: string) => Error): Ctl {
  const eq = v.indexOf('=');
  if (eq < 0) throw fail(`ctl "${v}" has no value`);
  const name = v.slice(0, eq).trim().toLowerCase();
  if (!CTLS.has(name)) throw fail(`unsupported ctl "${v.slice(0, eq)}"`);
  return { name, value: v.slice(eq + 1).trim() };
}
