/** Runs compiled CEL policies over the scanned objects: `match` (if any) selects, `validation` must be true. */
import type { Finding } from '@rampart/core';
import { isCelError } from '@bufbuild/cel';
import { configFinding } from '../checks/to-finding.js';
import type { Manifest } from '../k8s/manifest.js';
import type { CompiledPolicy } from './load.js';

/** CEL sees YAML integers as `int` (so `replicas >= 2` type-checks), maps and lists as CEL maps and lists. */
export function toCel(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toCel);
  if (v !== null && typeof v === 'object') return new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)]));
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return v;
}

export function evaluatePolicies(
  policies: readonly CompiledPolicy[],
  manifests: readonly Manifest[],
  target: string,
): Finding[] {
  const out: Finding[] = [];
  for (const m of manifests) {
    let object: unknown;
    for (const p of policies) {
      if (p.kinds.size > 0 && !p.kinds.has(m.kind)) continue;
      object ??= toCel(m.object);
      if (p.match !== undefined && p.match({ object }) !== true) continue;
      const result = p.validation({ object });
      if (result === true) continue;
      const why = isCelError(result)
        ? `the validation could not be evaluated (${(result as Error).message})`
        : (p.message ?? p.title);
      out.push(
        configFinding(
          { id: p.id, title: p.title, severity: p.severity, why: p.description, fix: p.fix, references: p.references },
          m,
          { path: ['metadata', 'name'], message: `${m.kind} "${m.name}": ${why}` },
          target,
          { policyFile: p.file },
        ),
      );
    }
  }
  return out;
}
