/**
 * `rampart scan config PATH`: every manifest and Dockerfile under PATH through the selected check groups. A file that
 * does not parse is an error with file:line and the result is marked partial; the other files are still scanned.
 */
import { compareFindings, type Finding, RampartError, toRampartError } from '@rampart/core';
import { parseManifests, type Manifest } from '../k8s/manifest.js';
import { podTemplate } from '../k8s/workload.js';
import { evaluateManifestChecks, KNOWN_KINDS } from '../checks/index.js';
import { parsePssLevel, parsePssVersion } from '../pss/evaluate.js';
import { pssFindings } from '../pss/findings.js';
import { RBAC_CHECKS } from '../rbac/checks.js';
import { scanDockerfile } from '../dockerfile/index.js';
import { networkPolicyFindings } from '../netpol/index.js';
import { evaluatePolicies } from '../policy/evaluate.js';
import { type CompiledPolicy, loadPolicies } from '../policy/load.js';
import { collectInputs } from './inputs.js';
import { CHECK_GROUPS, type CheckGroup, type ConfigScanOptions, type ConfigScanResult } from './types.js';

export async function scanConfig(path: string, options: ConfigScanOptions = {}): Promise<ConfigScanResult> {
  const groups = new Set<CheckGroup>(options.checks ?? CHECK_GROUPS);
  const level = parsePssLevel(options.pssLevel ?? 'restricted');
  const minor = parsePssVersion(options.pssVersion ?? 'latest');
  // Policies first: a broken policy file is a usage error before any input is read.
  const policies: CompiledPolicy[] = [];
  for (const file of options.policyFiles ?? []) policies.push(...(await loadPolicies(file)));
  const errors: RampartError[] = [];
  const stdin = options.stdin ?? (() => Promise.reject(new RampartError('USAGE', 'no stdin to read')));
  const inputs = await collectInputs(path, stdin, errors);
  const manifests: Manifest[] = [];
  const findings: Finding[] = [];
  const unknownKinds: Record<string, number> = {};
  let notObjects = 0;
  let files = 0;
  for (const input of inputs) {
    let text: string;
    try {
      text = await input.read();
    } catch (e) {
      const err = toRampartError(e, 'IO');
      errors.push(err.file === undefined ? new RampartError(err.code, err.message, { file: input.path }) : err);
      continue;
    }
    files++;
    if (input.kind === 'dockerfile') {
      if (!groups.has('dockerfile')) continue;
      try {
        findings.push(...scanDockerfile(text, input.path, path));
      } catch (e) {
        errors.push(toRampartError(e, 'SCAN_CONFIG_PARSE'));
      }
    } else {
      const parsed = parseManifests(text, input.path);
      errors.push(...parsed.errors);
      notObjects += parsed.notObjects;
      for (const m of parsed.manifests) {
        if (!KNOWN_KINDS.has(m.kind)) unknownKinds[m.kind] = (unknownKinds[m.kind] ?? 0) + 1;
        manifests.push(m);
      }
    }
  }
  if (groups.has('pss')) findings.push(...pssFindings(manifests, level, minor, path));
  if (groups.has('k8s')) findings.push(...evaluateManifestChecks(manifests, path));
  if (groups.has('rbac')) findings.push(...evaluateManifestChecks(manifests, path, RBAC_CHECKS));
  if (groups.has('policy') && policies.length > 0) findings.push(...evaluatePolicies(policies, manifests, path));
  let networkPolicy: ConfigScanResult['networkPolicy'];
  if (groups.has('netpol') && manifests.some((m) => m.kind === 'NetworkPolicy' || podTemplate(m) !== undefined)) {
    const np = networkPolicyFindings(manifests, path);
    findings.push(...np.findings);
    networkPolicy = np.report;
  }
  findings.sort(compareFindings);
  return {
    ...(networkPolicy !== undefined ? { networkPolicy } : {}),
    target: path,
    findings,
    partial: errors.length > 0,
    errors,
    summary: { files, objects: manifests.length, unknownKinds, notObjects },
  };
}

/** `--checks pss,k8s` → groups, refusing unknown names. */
export function parseCheckGroups(value: string): CheckGroup[] {
  const out: CheckGroup[] = [];
  for (const raw of value.split(',')) {
    const g = raw.trim();
    if (g === '') continue;
    if (!(CHECK_GROUPS as readonly string[]).includes(g)) {
      throw new RampartError('USAGE', `--checks: unknown group "${g}"; use ${CHECK_GROUPS.join(', ')}`, {
        field: '--checks',
      });
    }
    out.push(g as CheckGroup);
  }
  return out;
}
