/** Package manager hygiene in RUN steps (hadolint DL3008/3009/3014/3018/3019/3013/3032/3042): pins and cleanup. */
import type { DockerfileCheck, DockerfileHit } from './checks.js';
import type { Instruction } from './parse.js';
import { type Stage, substitute } from './stages.js';

const HADOLINT = (rule: string) => `https://github.com/hadolint/hadolint/wiki/${rule}`;

function runsWithText(stages: readonly Stage[]): { ins: Instruction; text: string }[] {
  return stages.flatMap((s) =>
    s.instructions
      .filter((i) => i.cmd === 'RUN')
      .map((ins) => ({
        ins,
        text: substitute(
          [ins.json ? ins.json.join(' ') : ins.args, ...ins.heredocs.map((h) => h.body)].join('\n'),
          s.vars,
        ),
      })),
  );
}

/** The package arguments of `<tool> install ...` up to the next shell operator (flags dropped). */
function packagesAfter(text: string, install: RegExp): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(install)) {
    const rest = text.slice((m.index ?? 0) + m[0].length).split(/&&|\|\||;|\n|\|/)[0] ?? '';
    for (const word of rest.trim().split(/\s+/)) if (word !== '' && !word.startsWith('-')) out.push(word);
  }
  return out;
}

export const unpinnedPackages: DockerfileCheck = {
  id: 'RMP-DF-010',
  title: 'Packages installed without version pins',
  severity: 'LOW',
  why: 'Unpinned packages make builds unreproducible and pull whatever the mirror serves that day.',
  fix: 'Pin versions: `apt-get install pkg=1.2.*`, `apk add pkg=1.2.3-r0`, `pip install pkg==1.2.3`.',
  references: [HADOLINT('DL3008'), HADOLINT('DL3018'), HADOLINT('DL3013')],
  evaluate(stages) {
    const out: DockerfileHit[] = [];
    for (const { ins, text } of runsWithText(stages)) {
      const apt = packagesAfter(text, /\bapt(?:-get)?\s+(?:-\S+\s+)*install\b/g).filter(
        (p) => !p.includes('=') && !p.endsWith('.deb'),
      );
      const apk = packagesAfter(text, /\bapk\s+(?:-\S+\s+)*add\b/g).filter((p) => !p.includes('='));
      const pip = packagesAfter(text, /\bpip3?\s+(?:-\S+\s+)*install\b/g).filter(
        (p) => !/[=<>~!]=?|@|\.whl$|\.tar\.gz$|^\.|^\//.test(p) && !/^(?:requirements|constraints)/.test(p),
      );
      const names = [...apt, ...apk, ...pip];
      if (names.length > 0)
        out.push({
          line: ins.line,
          message: `unpinned: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}`,
        });
    }
    return out;
  },
};

export const noPackageCleanup: DockerfileCheck = {
  id: 'RMP-DF-011',
  title: 'Package manager cache left in the image',
  severity: 'LOW',
  why: 'Package lists and caches bloat the layer and leave stale index data in the image.',
  fix: 'In the same RUN: `rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `yum clean all`, `pip install --no-cache-dir`.',
  references: [HADOLINT('DL3009'), HADOLINT('DL3019'), HADOLINT('DL3032'), HADOLINT('DL3042')],
  evaluate(stages) {
    const out: DockerfileHit[] = [];
    for (const { ins, text } of runsWithText(stages)) {
      const missing: string[] = [];
      if (
        /\bapt(?:-get)?\s+(?:-\S+\s+)*install\b/.test(text) &&
        !/\/var\/lib\/apt\/lists/.test(text) &&
        !/type=cache/.test(JSON.stringify(ins.flags))
      ) {
        missing.push('apt lists not removed');
      }
      if (/\bapk\s+(?:-\S+\s+)*add\b/.test(text) && !/--no-cache\b/.test(text))
        missing.push('apk add without --no-cache');
      if (
        /\b(?:yum|dnf|microdnf)\s+(?:-\S+\s+)*install\b/.test(text) &&
        !/\b(?:yum|dnf|microdnf)\s+clean\s+all\b/.test(text)
      ) {
        missing.push('yum/dnf cache not cleaned');
      }
      if (
        /\bpip3?\s+(?:-\S+\s+)*install\b/.test(text) &&
        !/--no-cache-dir\b/.test(text) &&
        !/PIP_NO_CACHE_DIR/.test(text)
      ) {
        missing.push('pip install without --no-cache-dir');
      }
      if (missing.length > 0) out.push({ line: ins.line, message: missing.join('; ') });
    }
    return out;
  },
};

export const aptWithoutYes: DockerfileCheck = {
  id: 'RMP-DF-012',
  title: 'apt-get install without -y',
  severity: 'LOW',
  why: 'Without -y the build waits for an answer that never comes, or fails.',
  fix: 'Use `apt-get install -y --no-install-recommends ...`.',
  references: [HADOLINT('DL3014')],
  evaluate: (stages) =>
    runsWithText(stages)
      .filter(({ text }) =>
        [...text.matchAll(/\bapt-get\s+((?:-\S+\s+)*)install\b([^&|;\n]*)/g)].some(
          (m) => !/(?:^|\s)(?:-y|--yes|-qq|--assume-yes|-[a-z]*y[a-z]*)\b/.test(`${m[1]} ${m[2]}`),
        ),
      )
      .map(({ ins }) => ({ line: ins.line, message: 'apt-get install without -y' })),
};
