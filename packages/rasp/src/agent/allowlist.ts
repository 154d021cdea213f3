/** Allowlist rules compiled once at start: a route glob becomes a RegExp; matching is a few comparisons per detection. */
import type { Attack } from './attack.js';
import type { AllowRule } from './options.js';

interface CompiledRule {
  route: RegExp | undefined;
  /** Whether the route pattern names a method (`GET /x`), so the method is part of the matched string. */
  withMethod: boolean;
  sink: string | undefined;
  kind: string | undefined;
}

export class Allowlist {
  private readonly rules: CompiledRule[];

  constructor(rules: readonly AllowRule[]) {
    this.rules = rules.map((r) => ({
      route: r.route === undefined ? undefined : globToRegExp(r.route),
      withMethod: r.route !== undefined && /^[A-Z]+\s/.test(r.route),
      sink: r.sink,
      kind: r.kind,
    }));
  }

  allows(attack: Attack, method: string, path: string, route: string | undefined): boolean {
    for (const r of this.rules) {
      if (r.kind !== undefined && r.kind !== attack.kind) continue;
      if (r.sink !== undefined && r.sink !== attack.family && r.sink !== attack.sink) continue;
      if (r.route !== undefined) {
        const p = r.withMethod ? `${method} ${path}` : path;
        const rp = route === undefined ? undefined : r.withMethod ? `${method} ${route}` : route;
        if (!r.route.test(p) && (rp === undefined || !r.route.test(rp))) continue;
      }
      return true;
    }
    return false;
  }
}

/** `*` matches within a path segment, `**` across segments; everything else is literal. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re.replace(/\s+/g, '\\s+')}$`);
}
