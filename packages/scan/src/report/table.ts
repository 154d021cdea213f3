/**
 * The table report, as Trivy prints it: one table per target with a severity tally, rows sorted most severe first,
 * severities colored when the terminal allows, installed and fixed versions side by side.
 */
import type { Finding, Severity } from '@rampart/core';
import type { ReportContext } from './tool-info.js';

export interface TableOptions {
  color?: boolean;
  /** Column width limit for titles. */
  titleWidth?: number;
}

const COLORS: Readonly<Record<Severity, string>> = {
  CRITICAL: '1;31',
  HIGH: '31',
  MEDIUM: '33',
  LOW: '34',
  UNKNOWN: '37',
};

export function toTable(findings: readonly Finding[], context: ReportContext = {}, options: TableOptions = {}): string {
  const out: string[] = [];
  if (context.db !== undefined) {
    out.push(`Vulnerability DB: ${context.db.path}${context.db.updatedAt ? ` (updated ${context.db.updatedAt})` : ''}`);
    out.push('');
  }
  const byTarget = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byTarget.get(f.target) ?? [];
    list.push(f);
    byTarget.set(f.target, list);
  }
  if (byTarget.size === 0) out.push('No findings.');
  for (const [target, list] of byTarget) {
    const tally = (['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const)
      .map((s) => `${s}: ${list.filter((f) => f.severity === s).length}`)
      .join(', ');
    out.push(target, '='.repeat(Math.min(target.length, 120)), `Total: ${list.length} (${tally})`, '');
    const rows = list.map((f) => [
      f.package?.name ?? f.location?.path ?? '',
      f.id + (f.confidence?.level === 'low' ? ' (?)' : ''),
      f.severity,
      f.package?.version ?? '',
      f.fix?.versions.join(', ') ?? '',
      truncate(f.title, options.titleWidth ?? 60),
    ]);
    out.push(
      ...grid(['Library', 'Vulnerability', 'Severity', 'Installed', 'Fixed', 'Title'], rows, options.color === true),
    );
    out.push('');
  }
  if (findings.some((f) => f.confidence?.level === 'low')) {
    out.push('(?) low confidence: a version could not be read exactly; see the JSON report for the reason.');
  }
  return out.join('\n');
}

function grid(header: string[], rows: string[][], color: boolean): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `│ ${cells
      .map((c, i) => {
        const padded = c.padEnd(widths[i] as number);
        return i === 2 && color ? `\u001b[${COLORS[c as Severity] ?? '0'}m${padded}\u001b[0m` : padded;
      })
      .join(' │ ')} │`;
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  return [rule('┌', '┬', '┐'), line(header), rule('├', '┼', '┤'), ...rows.map(line), rule('└', '┴', '┘')];
}

function truncate(s: string, width: number): string {
  const oneLine = s.replace(/\s+/g, ' ');
  return oneLine.length > width ? `${oneLine.slice(0, width - 1)}…` : oneLine;
}
