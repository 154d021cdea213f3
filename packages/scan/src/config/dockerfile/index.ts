/** Dockerfile scanning (group `dockerfile`): parse, resolve stages, run every check, locate findings by instruction line. */
import { createFinding, type Finding } from '@rampart/core';
import {
  addUrl,
  baseImageTag,
  type DockerfileCheck,
  exposeSsh,
  noHealthcheck,
  noUser,
  pipeToShell,
  secretInEnvArg,
  sudo,
} from './checks.js';
import { cdInRun, relativeWorkdir, repeatedEntrypoint } from './layout-checks.js';
import { aptWithoutYes, noPackageCleanup, unpinnedPackages } from './package-checks.js';
import { parseDockerfile } from './parse.js';
import { buildStages } from './stages.js';

export const DOCKERFILE_CHECKS: readonly DockerfileCheck[] = [
  noUser,
  baseImageTag,
  addUrl,
  pipeToShell,
  sudo,
  exposeSsh,
  noHealthcheck,
  secretInEnvArg,
  unpinnedPackages,
  noPackageCleanup,
  aptWithoutYes,
  relativeWorkdir,
  cdInRun,
  repeatedEntrypoint,
];

/** Findings of one Dockerfile; a file that does not parse throws a RampartError with its line. */
export function scanDockerfile(text: string, file: string, target: string): Finding[] {
  const stages = buildStages(parseDockerfile(text, file));
  const out: Finding[] = [];
  for (const check of DOCKERFILE_CHECKS) {
    for (const hit of check.evaluate(stages)) {
      out.push(
        createFinding({
          id: check.id,
          kind: 'misconfiguration',
          severity: check.severity,
          target,
          location: { path: file, line: hit.line },
          title: check.title,
          description: `${hit.message}. ${check.why}`,
          references: check.references,
          fix: { versions: [], advice: check.fix },
          data: { file: 'Dockerfile' },
        }),
      );
    }
  }
  return out;
}

export { parseDockerfile, type Instruction, type Heredoc } from './parse.js';
export { buildStages, substitute, type Stage } from './stages.js';
export type { DockerfileCheck } from './checks.js';
