/** A compiled rule: targets, operator, transformation chain and actions, all resolved at load. */
import type { Operator } from '../operators/operator.js';
import type { Transformation } from '../transformations/index.js';
import type { VariableSpec } from '../variables/spec.js';
import type { Macro } from './macro.js';

export type Disruptive = 'pass' | 'block' | 'deny' | 'drop' | 'allow' | 'redirect';

export interface SetVar {
  /** Upper-case collection: TX, IP, GLOBAL, SESSION, USER. */
  collection: string;
  key: string;
  keyMacro: Macro | undefined;
  /** `=` set, `+`/`-` add/subtract, `!` delete. */
  op: '=' | '+' | '-' | '!';
  value: string;
  valueMacro: Macro | undefined;
}

export interface Ctl {
  name: string;
  value: string;
}

export interface TransformChain {
  /** The chain as written (`urldecodeuni,lowercase`): the cache key of its results. */
  key: string;
  fns: readonly Transformation[];
  /** Cache keys of each prefix of the chain (`urldecodeuni`, `urldecodeuni,lowercase`). */
  prefixKeys: readonly string[];
}

export interface Rule {
  id: number;
  phase: number;
  file: string;
  line: number;
  targets: VariableSpec[];
  exclusions: VariableSpec[];
  operatorName: string;
  operatorArgument: string;
  operator: Operator;
  negated: boolean;
  transforms: TransformChain;
  multiMatch: boolean;
  capture: boolean;
  /** The next rule of a chain (its own targets and operator); the chain matches when every link does. */
  chain: Rule | undefined;
  /** The first rule of the chain this rule belongs to (itself for a chain head). */
  head: Rule | undefined;
  disruptive: Disruptive | undefined;
  status: number | undefined;
  msg: string | undefined;
  msgMacro: Macro | undefined;
  logdata: string | undefined;
  logdataMacro: Macro | undefined;
  tags: string[];
  severity: string | undefined;
  ver: string | undefined;
  setvars: SetVar[];
  ctls: Ctl[];
  skip: number;
  skipAfter: string | undefined;
  log: boolean;
  /** SecAction: no targets, always matches. */
  unconditional: boolean;
}

export const SEVERITIES = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'] as const;
