/**
 * A Dockerfile parser as BuildKit reads one: parser directives (`# escape=`), line continuations (with comment and blank
 * lines inside them), heredocs (`<<EOF`, `<<-EOF`, quoted delimiters), JSON (exec) and shell forms, and `--flag=value`
 * options. Each instruction keeps its first and last line for findings.
 */
import { RampartError } from '@rampart/core';

export interface Heredoc {
  delimiter: string;
  body: string;
}

export interface Instruction {
  /** Upper-case instruction name (`RUN`, `FROM`, ...). */
  cmd: string;
  /** Everything after the name and the flags, continuations joined with a space. */
  args: string;
  /** `--from=build` → `{ from: 'build' }`. */
  flags: Record<string, string>;
  /** The exec form's array when the arguments are a JSON array of strings. */
  json?: string[];
  heredocs: Heredoc[];
  line: number;
  endLine: number;
}

const INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);
const HEREDOC_CMDS = new Set(['RUN', 'COPY', 'ADD']);
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

export function parseDockerfile(text: string, file: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const escapeChar = escapeDirective(lines);
  const out: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i] as string;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const start = i;
    let logical = '';
    let current = raw;
    // Join continuation lines; comment lines and blank lines inside a continuation are dropped, as BuildKit does.
    for (;;) {
      const t = current.replace(/\s+$/, '');
      if (t.endsWith(escapeChar) && !t.endsWith(`${escapeChar}${escapeChar}`)) {
        logical += `${t.slice(0, -1)} `;
        i++;
        while (i < lines.length && /^\s*(#.*)?$/.test(lines[i] as string)) i++;
        if (i >= lines.length) break;
        current = lines[i] as string;
      } else {
        logical += t;
        break;
      }
    }
    const endOfInstruction = i;
    i++;
    const m = /^\s*([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(logical);
    if (m === null)
      throw new RampartError('SCAN_CONFIG_PARSE', `cannot read instruction "${logical.trim().slice(0, 40)}"`, {
        file,
        line: start + 1,
      });
    const cmd = (m[1] as string).toUpperCase();
    if (!INSTRUCTIONS.has(cmd)) {
      throw new RampartError('SCAN_CONFIG_PARSE', `unknown instruction ${m[1]}`, { file, line: start + 1, column: 1 });
    }
    let rest = (m[2] ?? '').trim();
    const flags: Record<string, string> = {};
    for (
      let f = /^--([A-Za-z-]+)(?:=(\S*))?\s*/.exec(rest);
      f !== null;
      f = /^--([A-Za-z-]+)(?:=(\S*))?\s*/.exec(rest)
    ) {
      flags[f[1] as string] = f[2] ?? 'true';
      rest = rest.slice(f[0].length);
    }
    const heredocs: Heredoc[] = [];
    if (HEREDOC_CMDS.has(cmd)) {
      for (const h of rest.matchAll(HEREDOC)) {
        const stripTabs = h[1] === '-';
        const delimiter = h[3] as string;
        const body: string[] = [];
        while (i < lines.length && (stripTabs ? (lines[i] as string).replace(/^\t+/, '') : lines[i]) !== delimiter) {
          body.push(stripTabs ? (lines[i] as string).replace(/^\t+/, '') : (lines[i] as string));
          i++;
        }
        if (i >= lines.length) {
          throw new RampartError('SCAN_CONFIG_PARSE', `heredoc <<${delimiter} is not terminated`, {
            file,
            line: start + 1,
          });
        }
        i++;
        heredocs.push({ delimiter, body: body.join('\n') });
      }
    }
    const instruction: Instruction = {
      cmd,
      args: rest,
      flags,
      heredocs,
      line: start + 1,
      endLine: Math.max(endOfInstruction, i - 1) + 1,
    };
    const json = execForm(rest);
    if (json !== undefined) instruction.json = json;
    out.push(instruction);
  }
  return out;
}

/** `# escape=\`` among the leading comment lines (parser directives) switches the escape character. */
function escapeDirective(lines: readonly string[]): string {
  for (const line of lines) {
    const m = /^#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(line);
    if (m === null) break;
    if ((m[1] as string).toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) return m[2];
  }
  return '\\';
}

function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const v = JSON.parse(args) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined; // Not valid JSON: Docker runs it in shell form.
  }
}
