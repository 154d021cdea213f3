/**
 * Dockerfile checks, after hadolint (DLxxxx) and Trivy (DSxxx): the reference of each is in `references`. A check sees
 * the stages with variables resolved and returns the instructions it objects to.
 */
import type { Severity } from '@rampart/core';
import { findSecrets } from '@rampart/core/secrets';
import type { Instruction } from './parse.js';
import { keyValues, type Stage, substitute } from './stages.js';

export interface DockerfileHit {
  line: number;
  message: string;
}

export interface DockerfileCheck {
  id: string;
  title: string;
  severity: Severity;
  why: string;
  fix: string;
  references: string[];
  evaluate(stages: readonly Stage[]): DockerfileHit[];
}

const HADOLINT = (rule: string) => `https://github.com/hadolint/hadolint/wiki/${rule}`;
const TRIVY = (id: string) => `https://avd.aquasec.com/misconfig/${id.toLowerCase()}`;

/** The shell text a RUN executes: its arguments (or exec form) and heredoc bodies, variables substituted. */
function runText(ins: Instruction, stage: Stage): string {
  const base = ins.json ? ins.json.join(' ') : ins.args;
  return substitute([base, ...ins.heredocs.map((h) => h.body)].join('\n'), stage.vars);
}

function runs(stages: readonly Stage[]): { ins: Instruction; text: string; stage: Stage }[] {
  return stages.flatMap((stage) =>
    stage.instructions.filter((i) => i.cmd === 'RUN').map((ins) => ({ ins, text: runText(ins, stage), stage })),
  );
}

/** Shell commands of a RUN, split on `&&`, `||`, `;`, `|` and newlines. */
function commands(text: string): string[] {
  return text
    .split(/&&|\|\||;|\n|(?<!\|)\|(?!\|)/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

const last = <T>(xs: readonly T[]): T | undefined => xs[xs.length - 1];

export const noUser: DockerfileCheck = {
  id: 'RMP-DF-001',
  title: 'Image runs as root',
  severity: 'HIGH',
  why: 'Without a USER (or with USER root/0 last) every process in the container runs as root.',
  fix: 'Add a non-root user and a `USER <name>` (or `USER <uid>`) in the final stage.',
  references: [TRIVY('DS002'), HADOLINT('DL3002')],
  evaluate(stages) {
    const final = last(stages);
    if (final === undefined) return [];
    const user = last(final.instructions.filter((i) => i.cmd === 'USER'));
    if (user === undefined) return [{ line: final.from.line, message: 'the final stage sets no USER' }];
    const name = substitute(user.args, final.vars).split(':')[0]?.trim();
    return name === 'root' || name === '0' ? [{ line: user.line, message: `the final USER is ${name}` }] : [];
  },
};

export const baseImageTag: DockerfileCheck = {
  id: 'RMP-DF-002',
  title: 'Base image uses latest or no tag',
  severity: 'MEDIUM',
  why: 'An untagged or latest base changes under the build: builds are not reproducible and a pushed image slips in.',
  fix: 'Pin the base image to a version tag, better to a digest (`FROM image:1.2@sha256:...`).',
  references: [HADOLINT('DL3006'), HADOLINT('DL3007'), TRIVY('DS001')],
  evaluate(stages) {
    const out: DockerfileHit[] = [];
    for (const s of stages) {
      if (s.fromStage || s.image === 'scratch' || s.image.includes('$')) continue;
      const at = s.image.indexOf('@');
      if (at >= 0) continue;
      const slash = s.image.lastIndexOf('/');
      const colon = s.image.lastIndexOf(':');
      const tag = colon > slash ? s.image.slice(colon + 1) : undefined;
      if (tag === undefined || tag === 'latest')
        out.push({ line: s.from.line, message: `FROM ${s.image} has ${tag ? 'the latest tag' : 'no tag'}` });
    }
    return out;
  },
};

export const addUrl: DockerfileCheck = {
  id: 'RMP-DF-003',
  title: 'ADD fetches a URL',
  severity: 'MEDIUM',
  why: 'ADD <url> downloads without verifying what it got and keeps it in a layer.',
  fix: 'Download with curl/wget in a RUN, verify a checksum, and delete what is not needed; or use ADD --checksum.',
  references: [HADOLINT('DL3020'), TRIVY('DS005')],
  evaluate: (stages) =>
    stages.flatMap((s) =>
      s.instructions
        .filter(
          (i) =>
            i.cmd === 'ADD' &&
            i.flags.checksum === undefined &&
            /(?:^|\s|")https?:\/\//.test(i.json ? i.json.join(' ') : i.args),
        )
        .map((i) => ({ line: i.line, message: 'ADD downloads a URL without a checksum' })),
    ),
};

export const pipeToShell: DockerfileCheck = {
  id: 'RMP-DF-004',
  title: 'Remote script piped into a shell',
  severity: 'HIGH',
  why: '`curl ... | sh` runs whatever the server (or anyone in between) sends, unverified, at build time.',
  fix: 'Download the script, verify its checksum or signature, then run it.',
  references: [HADOLINT('DL4006')],
  evaluate: (stages) =>
    runs(stages)
      .filter(({ text }) => /\b(?:curl|wget)\b[^|\n]{0,500}\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b/.test(text))
      .map(({ ins }) => ({ line: ins.line, message: 'a downloaded script is piped into a shell' })),
};

export const sudo: DockerfileCheck = {
  id: 'RMP-DF-005',
  title: 'sudo in a RUN',
  severity: 'MEDIUM',
  why: 'sudo in an image means a privilege boundary inside the container, with unpredictable TTY and signal behavior.',
  fix: 'Run the step as root before switching USER, or use gosu for entrypoints.',
  references: [HADOLINT('DL3004')],
  evaluate: (stages) =>
    runs(stages)
      .filter(({ text }) => commands(text).some((c) => /^sudo\b/.test(c)))
      .map(({ ins }) => ({ line: ins.line, message: 'RUN uses sudo' })),
};

export const exposeSsh: DockerfileCheck = {
  id: 'RMP-DF-006',
  title: 'Port 22 exposed',
  severity: 'MEDIUM',
  why: 'An SSH server in a container is a second way in that bypasses the orchestrator.',
  fix: 'Remove EXPOSE 22 and the SSH server; use `kubectl exec` or `docker exec` for debugging.',
  references: [TRIVY('DS004')],
  evaluate: (stages) =>
    stages.flatMap((s) =>
      s.instructions
        .filter(
          (i) =>
            i.cmd === 'EXPOSE' &&
            substitute(i.args, s.vars)
              .split(/\s+/)
              .some((p) => /^22(?:\/tcp)?$/.test(p)),
        )
        .map((i) => ({ line: i.line, message: 'EXPOSE 22' })),
    ),
};

export const noHealthcheck: DockerfileCheck = {
  id: 'RMP-DF-007',
  title: 'No HEALTHCHECK',
  severity: 'LOW',
  why: 'Without a HEALTHCHECK the runtime cannot tell a hung service from a healthy one.',
  fix: 'Add `HEALTHCHECK CMD ...` to the final stage (Kubernetes users: define probes instead).',
  references: [TRIVY('DS026')],
  evaluate(stages) {
    const final = last(stages);
    if (final === undefined || final.instructions.some((i) => i.cmd === 'HEALTHCHECK')) return [];
    return [{ line: final.from.line, message: 'the final stage has no HEALTHCHECK' }];
  },
};

const SECRET_NAME = /passw(?:or)?d|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth/i;

export const secretInEnvArg: DockerfileCheck = {
  id: 'RMP-DF-008',
  title: 'Secret in ENV or ARG',
  severity: 'HIGH',
  why: 'ENV and ARG values are stored in the image config and history: anyone who can pull the image can read them.',
  fix: 'Use build secrets (`RUN --mount=type=secret`) and runtime secrets instead of ENV/ARG values.',
  references: [TRIVY('DS031'), 'https://docs.docker.com/build/building/secrets/'],
  evaluate(stages) {
    const out: DockerfileHit[] = [];
    for (const s of stages) {
      for (const i of s.instructions) {
        if (i.cmd !== 'ENV' && i.cmd !== 'ARG') continue;
        for (const [key, value] of keyValues(i.args)) {
          if (value === '' || value.startsWith('$')) continue;
          if (SECRET_NAME.test(key) || findSecrets(`${key}=${value}`).length > 0) {
            out.push({ line: i.line, message: `${i.cmd} ${key} holds a literal secret-like value` });
          }
        }
      }
    }
    return out;
  },
};
