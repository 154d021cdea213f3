/**
 * The JSON report: every finding as core's Finding model (vulnerabilities always carry `aliases`, possibly empty), grouped
 * by target, with the tool, the time, the DB that was used and what the gate suppressed.
 */
import type { Finding } from '@rampart/core';
import type { Suppressed } from './gate/gate.js';
import type { ReportContext, ToolInfo } from './tool-info.js';

export interface JsonReportInput {
  findings: readonly Finding[];
  suppressed?: readonly Suppressed[];
  notes?: readonly string[];
  /** Anything else the producer wants to say (match statistics, SBOM format). */
  extra?: Record<string, unknown>;
}

export function toJsonReport(
  input: JsonReportInput,
  tool: ToolInfo,
  context: ReportContext = {},
): Record<string, unknown> {
  const findings = input.findings.map(withAliases);
  const targets = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = targets.get(f.target) ?? [];
    list.push(f);
    targets.set(f.target, list);
  }
  const report: Record<string, unknown> = {
    schemaVersion: 1,
    createdAt: context.createdAt ?? new Date().toISOString(),
    tool: { name: tool.name, version: tool.version },
  };
  if (context.db !== undefined) report.db = context.db;
  report.summary = summarize(findings);
  report.findings = findings;
  report.targets = [...targets.entries()].map(([target, list]) => ({ target, findings: list.length }));
  if (input.suppressed !== undefined && input.suppressed.length > 0) {
    report.suppressed = input.suppressed.map((s) => ({
      id: s.finding.id,
      purl: s.finding.package?.purl,
      reason: s.reason,
    }));
  }
  if (input.notes !== undefined && input.notes.length > 0) report.notes = input.notes;
  if (input.extra !== undefined) Object.assign(report, input.extra);
  return report;
}

function withAliases(f: Finding): Finding {
  return f.kind === 'vulnerability' && f.aliases === undefined ? { ...f, aliases: [] } : f;
}

function summarize(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {
    total: findings.length,
    CRITICAL: 0,
    HIGH: 0,
    MEDIUM: 0,
    LOW: 0,
    UNKNOWN: 0,
  };
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}
