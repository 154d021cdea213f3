/** The human texts of SARIF rules and results (Trivy's layout: one `Key: value` line per fact, a Markdown help table). */
import type { Finding } from '@rampart/core';

export function messageText(f: Finding): string {
  const lines: string[] = [];
  if (f.package !== undefined) {
    lines.push(`Package: ${f.package.name}`);
    if (f.package.version !== undefined) lines.push(`Installed Version: ${f.package.version}`);
  }
  lines.push(`${kindLabel(f.kind)}: ${f.id}`);
  if (f.aliases !== undefined && f.aliases.length > 0) lines.push(`Aliases: ${f.aliases.join(', ')}`);
  lines.push(`Severity: ${f.severity}`);
  if (f.fix !== undefined && f.fix.versions.length > 0) lines.push(`Fixed Version: ${f.fix.versions.join(', ')}`);
  if (f.package === undefined && f.title !== '') lines.push(`Message: ${f.title}`);
  if (f.confidence?.level === 'low') lines.push(`Confidence: low (${f.confidence.reason ?? 'not fully evaluated'})`);
  if (f.references[0] !== undefined) lines.push(`Link: ${f.references[0]}`);
  return lines.join('\n');
}

export function helpText(f: Finding): string {
  return messageText(f)
    .split('\n')
    .filter(notPackageLine)
    .concat(f.description ?? [])
    .join('\n');
}

export function helpMarkdown(f: Finding): string {
  const rows = [`**${kindLabel(f.kind)} ${f.id}**`, '', '| Severity | Title |', '| --- | --- |'];
  rows.push(`| ${f.severity} | ${escapeCell(f.title)} |`);
  if (f.description !== undefined) rows.push('', f.description);
  if (f.references.length > 0) rows.push('', ...f.references.map((r) => `- ${r}`));
  return rows.join('\n');
}

function notPackageLine(line: string): boolean {
  return !line.startsWith('Package: ') && !line.startsWith('Installed Version: ');
}

function kindLabel(kind: Finding['kind']): string {
  return kind === 'vulnerability' ? 'Vulnerability' : kind === 'misconfiguration' ? 'Check' : 'Rule';
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
