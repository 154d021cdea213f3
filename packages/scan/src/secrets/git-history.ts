/**
 * `--git`: the lines every commit of every branch added (`git log --all -p`), scanned per commit and file, so a secret
 * that was removed later is still found. Each finding names the commit and its author date. Needs the `git` binary.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { compareFindings, type Finding, RampartError, rfc3339 } from '@rampart/core';
import { compileAllowlist, type CompiledAllowlist } from './allow.js';
import { hasBinaryExtension } from './binary.js';
import { scanText } from './scan-text.js';
import type { SecretScanOptions, SecretScanResult } from './types.js';

interface Added {
  commit: string;
  authorDate: string;
  path: string;
  lines: string[];
  /** For each added line: its line number in the file at that commit. */
  lineNumbers: number[];
}

export async function scanSecretsGitHistory(repo: string, options: SecretScanOptions = {}): Promise<SecretScanResult> {
  const allow = compileAllowlist(options.allowlist);
  const target = options.target ?? repo;
  const findings: Finding[] = [];
  let files = 0;
  let bytes = 0;
  const flush = (a: Added | undefined) => {
    if (a === undefined || a.lines.length === 0 || hasBinaryExtension(a.path) || allow.pathAllowed(a.path)) return;
    files++;
    const text = a.lines.join('\n');
    bytes += text.length;
    for (const f of scanCommitFile(text, a, options, allow, target)) findings.push(f);
  };
  const args = ['-C', repo, 'log', '--all', '-p', '--no-color', '--no-ext-diff', '--no-renames', '--unified=0'];
  args.push('--format=%x00commit %H %aI');
  const child = spawn('git', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const spawnError = new Promise<Error>((resolve) => child.on('error', resolve));
  let commit = '';
  let authorDate = '';
  let current: Added | undefined;
  let nextLine = 0;
  const rl = createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    if (line.startsWith('\u0000commit ')) {
      flush(current);
      current = undefined;
      [commit = '', authorDate = ''] = line.slice(8).split(' ');
    } else if (line.startsWith('+++ ')) {
      flush(current);
      const path = line.slice(4);
      current =
        path === '/dev/null'
          ? undefined
          : { commit, authorDate, path: path.replace(/^b\//, ''), lines: [], lineNumbers: [] };
    } else if (line.startsWith('@@ ')) {
      const m = /\+(\d+)/.exec(line);
      nextLine = m ? Number(m[1]) : 0;
    } else if (current !== undefined && line.startsWith('+')) {
      current.lines.push(line.slice(1));
      current.lineNumbers.push(nextLine++);
    }
  }
  flush(current);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) {
    const err = await Promise.race([spawnError, Promise.resolve(undefined)]);
    throw new RampartError(
      'INPUT_INVALID',
      `--git: cannot read the history of ${repo}: ${err?.message ?? stderr.trim()}`,
      {
        file: repo,
      },
    );
  }
  findings.sort(compareFindings);
  return { findings, stats: { files, bytes, skipped: 0 }, skipped: [], partial: false };
}

function scanCommitFile(
  text: string,
  a: Added,
  options: SecretScanOptions,
  allow: CompiledAllowlist,
  target: string,
): Finding[] {
  return scanText(text, options.rules, allow, target, { path: a.path, commit: a.commit }).map((f) => {
    const line = a.lineNumbers[(f.location?.line ?? 1) - 1] ?? f.location?.line;
    const endLine = f.location?.endLine === undefined ? undefined : a.lineNumbers[f.location.endLine - 1];
    return {
      ...f,
      location: { ...f.location, line, ...(endLine !== undefined ? { endLine } : {}) },
      data: { ...f.data, commit: a.commit, authorDate: rfc3339(new Date(a.authorDate)) },
    };
  });
}
