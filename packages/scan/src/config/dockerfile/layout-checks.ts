/** Instruction layout (hadolint DL3000, DL3003, DL4003/DL4004): WORKDIR, `cd`, and repeated CMD/ENTRYPOINT. */
import type { DockerfileCheck, DockerfileHit } from './checks.js';
import { substitute } from './stages.js';

const HADOLINT = (rule: string) => `https://github.com/hadolint/hadolint/wiki/${rule}`;

export const relativeWorkdir: DockerfileCheck = {
  id: 'RMP-DF-013',
  title: 'WORKDIR is a relative path',
  severity: 'LOW',
  why: 'A relative WORKDIR depends on every earlier WORKDIR, which makes the file easy to break when reordered.',
  fix: 'Use an absolute path in WORKDIR.',
  references: [HADOLINT('DL3000')],
  evaluate: (stages) =>
    stages.flatMap((s) =>
      s.instructions
        .filter((i) => i.cmd === 'WORKDIR')
        .filter((i) => {
          const p = substitute(i.args, s.vars).replace(/^["']|["']$/g, '');
          return !p.startsWith('/') && !p.startsWith('$') && !/^[A-Za-z]:[\\/]/.test(p);
        })
        .map((i) => ({ line: i.line, message: `WORKDIR ${i.args} is relative` })),
    ),
};

export const cdInRun: DockerfileCheck = {
  id: 'RMP-DF-014',
  title: 'cd used to change directory in RUN',
  severity: 'LOW',
  why: '`cd` in RUN changes the directory for that step only; WORKDIR states it for every later instruction.',
  fix: 'Use WORKDIR instead of `cd`.',
  references: [HADOLINT('DL3003')],
  evaluate: (stages) =>
    stages.flatMap((s) =>
      s.instructions
        .filter((i) => i.cmd === 'RUN' && /(?:^|&&|;|\|\|)\s*cd\s+\S/.test(i.json ? i.json.join(' ') : i.args))
        .map((i) => ({ line: i.line, message: 'RUN changes directory with cd' })),
    ),
};

export const repeatedEntrypoint: DockerfileCheck = {
  id: 'RMP-DF-015',
  title: 'Several CMD or ENTRYPOINT instructions in one stage',
  severity: 'LOW',
  why: 'Only the last CMD and ENTRYPOINT take effect; earlier ones mislead readers about what the image runs.',
  fix: 'Keep one CMD and one ENTRYPOINT per stage.',
  references: [HADOLINT('DL4003'), HADOLINT('DL4004')],
  evaluate(stages) {
    const out: DockerfileHit[] = [];
    for (const s of stages) {
      for (const cmd of ['CMD', 'ENTRYPOINT']) {
        const all = s.instructions.filter((i) => i.cmd === cmd);
        for (const i of all.slice(0, -1)) out.push({ line: i.line, message: `${cmd} is overridden by a later ${cmd}` });
      }
    }
    return out;
  },
};
