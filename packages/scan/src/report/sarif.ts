/**
 * SARIF 2.1.0 for any Finding[] (vulnerabilities, misconfigurations, secrets, licenses): one rule per advisory or check
 * (`ruleId`), one result per finding, located at the file and line the finding names (a manifest, lockfile or config
 * file), else at the scan target, as GitHub code scanning needs at least one location per result.
 */
import { type Finding, parseSeverity, severityRank, toSarifLevel, toSecuritySeverityScore } from '@rampart/core';
import { helpMarkdown, helpText, messageText } from './sarif-text.js';
import type { ToolInfo } from './tool-info.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  /**
   * Root the relative paths of findings are resolved against: emitted as `originalUriBaseIds.ROOTPATH`, as Trivy does.
   * A file URI (`file:///work/app/`); omitted when unknown.
   */
  rootUri?: string;
}

// Minimal structural types for what Rampart writes (the schema in testdata validates the full log in tests).
export interface SarifLog {
  version: '2.1.0';
  $schema: string;
  runs: SarifRun[];
}
export interface SarifRun {
  tool: { driver: SarifDriver };
  results: SarifResult[];
  originalUriBaseIds?: Record<string, { uri: string }>;
}
export interface SarifDriver {
  name: string;
  version: string;
  informationUri?: string;
  rules: SarifRule[];
}
export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; precision: string; 'security-severity': string };
}
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints?: Record<string, string>;
  properties?: Record<string, unknown>;
}
export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region: { startLine: number; startColumn?: number; endLine?: number };
  };
  message?: { text: string };
}

const RULE_NAMES: Readonly<Record<Finding['kind'], string>> = {
  vulnerability: 'PackageVulnerability',
  misconfiguration: 'Misconfiguration',
  secret: 'Secret',
  license: 'License',
};

/** Builds the SARIF log object; `JSON.stringify(toSarif(...), null, 2)` is the file. */
export function toSarif(findings: readonly Finding[], tool: ToolInfo, options: SarifOptions = {}): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const results: SarifResult[] = [];
  for (const f of findings) {
    let index = ruleIndex.get(f.ruleId);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(f.ruleId, index);
      rules.push(ruleOf(f));
    } else {
      raiseRuleSeverity(rules[index] as SarifRule, f);
    }
    results.push(resultOf(f, index));
  }
  const driver: SarifDriver = { name: tool.name, version: tool.version, rules };
  if (tool.informationUri !== undefined) driver.informationUri = tool.informationUri;
  const run: SarifRun = { tool: { driver }, results };
  if (options.rootUri !== undefined) run.originalUriBaseIds = { ROOTPATH: { uri: withSlash(options.rootUri) } };
  return { version: '2.1.0', $schema: SARIF_SCHEMA_URI, runs: [run] };
}

function ruleOf(f: Finding): SarifRule {
  const title = f.title !== '' ? f.title : f.id;
  const helpUri = f.references[0];
  const rule: SarifRule = {
    id: f.ruleId,
    name: RULE_NAMES[f.kind],
    shortDescription: { text: title },
    fullDescription: { text: f.description ?? title },
    help: { text: helpText(f), markdown: helpMarkdown(f) },
    defaultConfiguration: { level: toSarifLevel(f.severity) },
    properties: {
      tags: [f.kind, 'security', f.severity],
      precision: f.confidence?.level === 'low' ? 'low' : 'very-high',
      'security-severity': toSecuritySeverityScore(f.severity, maxCvss(f)),
    },
  };
  if (helpUri !== undefined) rule.helpUri = helpUri;
  return rule;
}

/**
 * Several findings share a rule (one advisory, many packages): the rule carries the highest severity band seen, and
 * within a band the highest real CVSS score (a band's stand-in score never overrides a real one).
 */
function raiseRuleSeverity(rule: SarifRule, f: Finding): void {
  const current = parseSeverity(rule.properties.tags[2]);
  const cvss = maxCvss(f);
  const higherBand = severityRank(f.severity) > severityRank(current);
  const higherScore =
    f.severity === current && cvss !== undefined && cvss > Number(rule.properties['security-severity']);
  if (higherBand || higherScore) {
    rule.properties['security-severity'] = toSecuritySeverityScore(f.severity, cvss);
    rule.properties.tags[2] = f.severity;
    rule.defaultConfiguration.level = toSarifLevel(f.severity);
  }
}

function resultOf(f: Finding, ruleIndex: number): SarifResult {
  const region: SarifLocation['physicalLocation']['region'] = { startLine: Math.max(1, f.location?.line ?? 1) };
  if (f.location?.column !== undefined) region.startColumn = Math.max(1, f.location.column);
  if (f.location?.endLine !== undefined && f.location.endLine >= region.startLine) region.endLine = f.location.endLine;
  const path = f.location?.path ?? f.target;
  const artifactLocation: { uri: string; uriBaseId?: string } = { uri: toUri(path) };
  if (!path.startsWith('/') && !isUri(path)) artifactLocation.uriBaseId = 'ROOTPATH';
  const result: SarifResult = {
    ruleId: f.ruleId,
    ruleIndex,
    level: toSarifLevel(f.severity),
    message: { text: messageText(f) },
    locations: [{ physicalLocation: { artifactLocation, region }, message: { text: f.target } }],
  };
  const props: Record<string, unknown> = {};
  if (f.package?.purl !== undefined) props.purl = f.package.purl;
  if (f.aliases !== undefined && f.aliases.length > 0) props.aliases = f.aliases;
  if (f.confidence?.level === 'low') props.confidence = f.confidence;
  if (Object.keys(props).length > 0) result.properties = props;
  return result;
}

function maxCvss(f: Finding): number | undefined {
  let best: number | undefined;
  for (const c of f.cvss ?? []) if (best === undefined || c.score > best) best = c.score;
  return best;
}

/** Relative paths become relative URIs (each segment percent-encoded); absolute paths become file URIs. */
function toUri(path: string): string {
  if (isUri(path)) return path;
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return path.startsWith('/') ? `file://${encoded}` : encoded;
}

/** Only real URIs pass through: an image reference such as `alpine:3.19` is a name, not a URI scheme. */
function isUri(path: string): boolean {
  return /^(file|https?):\/\//i.test(path);
}

function withSlash(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}
