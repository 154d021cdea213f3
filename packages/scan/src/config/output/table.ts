/** A plain-text table of findings for terminals: severity, rule, where, what. Values are already masked by producers. */
import type { Finding } from '@rampart/core';

const COLUMNS = ['SEVERITY', 'RULE', 'LOCATION', 'TITLE'] as const;

export function findingsTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No findings.';
  const rows = findings.map((f) => {
    const where =
      f.location?.path === undefined ? f.target : `${f.location.path}${f.location.line ? `:${f.location.line}` : ''}`;
    const commit = f.location?.commit ? ` @${f.location.commit.slice(0, 12)}` : '';
    const extra =
      typeof f.data?.match === 'string'
        ? ` (${f.data.match})`
        : typeof f.data?.resource === 'string'
          ? ` [${f.data.resource}]`
          : '';
    return [f.severity, f.ruleId, `${where}${commit}`, `${f.title}${extra}`];
  });
  const widths = COLUMNS.map((c, i) => Math.min(60, Math.max(c.length, ...rows.map((r) => (r[i] as string).length))));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ');
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const summary = [...counts].map(([s, n]) => `${s}: ${n}`).join(', ');
  return [line(COLUMNS), ...rows.map(line), '', `${findings.length} finding(s) (${summary})`].join('\n');
}
