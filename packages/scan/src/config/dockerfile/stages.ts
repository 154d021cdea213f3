/**
 * Build stages with their variables resolved: global ARGs (before the first FROM) substitute into FROM, a stage's ARGs
 * and ENVs into its later instructions. `${VAR}`, `$VAR`, `${VAR:-default}` and `${VAR:+alternative}` are understood.
 */
import type { Instruction } from './parse.js';

export interface Stage {
  from: Instruction;
  /** The base image after substitution (`node:20-alpine`), or a previous stage's name. */
  image: string;
  name: string | undefined;
  /** True when the base is an earlier stage of this Dockerfile. */
  fromStage: boolean;
  instructions: Instruction[];
  vars: Map<string, string>;
}

export function substitute(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced, op, word, bare) => {
      const name = (braced ?? bare) as string;
      const value = vars.get(name);
      const set = value !== undefined && (op === undefined || !op.startsWith(':') || value !== '');
      if (op?.endsWith('-')) return set ? (value as string) : (word as string);
      if (op?.endsWith('+')) return set ? (word as string) : '';
      return value ?? '';
    },
  );
}

/** `KEY=value KEY2="v 2"` or the legacy `KEY value` form. */
export function keyValues(args: string): [string, string][] {
  const pairs: [string, string][] = [];
  const re = /([A-Za-z_][A-Za-z0-9_.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;
  let matched = false;
  for (const m of args.matchAll(re)) {
    matched = true;
    pairs.push([m[1] as string, unquote(m[2] as string)]);
  }
  if (!matched) {
    const legacy = /^([A-Za-z_][A-Za-z0-9_.-]*)(?:\s+([\s\S]*))?$/.exec(args.trim());
    if (legacy) pairs.push([legacy[1] as string, unquote((legacy[2] ?? '').trim())]);
  }
  return pairs;
}

function unquote(v: string): string {
  if (
    (v.startsWith('"') && v.endsWith('"') && v.length >= 2) ||
    (v.startsWith("'") && v.endsWith("'") && v.length >= 2)
  ) {
    return v.slice(1, -1);
  }
  return v;
}

export function buildStages(instructions: readonly Instruction[]): Stage[] {
  const globals = new Map<string, string>();
  const stages: Stage[] = [];
  let current: Stage | undefined;
  for (const ins of instructions) {
    if (ins.cmd === 'FROM') {
      const [imageRaw = '', as, name] = ins.args.split(/\s+/);
      const image = substitute(imageRaw, globals);
      const stageName = as?.toUpperCase() === 'AS' ? name?.toLowerCase() : undefined;
      current = {
        from: ins,
        image,
        name: stageName,
        fromStage: stages.some((s) => s.name === image.toLowerCase()),
        instructions: [],
        vars: new Map(),
      };
      stages.push(current);
      continue;
    }
    if (current === undefined) {
      if (ins.cmd === 'ARG') for (const [k, v] of keyValues(ins.args)) globals.set(k, v);
      continue;
    }
    current.instructions.push(ins);
    if (ins.cmd === 'ARG' || ins.cmd === 'ENV') {
      for (const [k, v] of keyValues(ins.args)) current.vars.set(k, substitute(v, current.vars));
    }
  }
  return stages;
}
