/** The Sigma detection model as the loader produces it and the compiler consumes it (Sigma specification v2). */

/** Which logs a rule is written for. An event's logsource, when known, narrows the rules it meets. */
export interface Logsource {
  product?: string;
  category?: string;
  service?: string;
}

export type SigmaLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/** One detection rule, as published (fields the engine needs; `raw` keeps the whole document). */
export interface SigmaRule {
  id: string;
  /** Correlation rules refer to rules by `id` or by this `name`. */
  name?: string;
  title: string;
  description?: string;
  status?: string;
  level?: SigmaLevel | (string & {});
  author?: string;
  tags: string[];
  references: string[];
  falsepositives: string[];
  logsource: Logsource;
  /** Search identifiers (the `detection` map without `condition`). */
  detection: Record<string, unknown>;
  /** One or more condition strings; several are OR'd, as the specification says. */
  conditions: string[];
  /** Filter rules (`filter:` documents) that apply to this rule, AND'd with its condition. */
  filters: SigmaFilter[];
  /** The file (or source name) the rule came from. */
  file: string;
  raw: Record<string, unknown>;
}

/** A Sigma filter rule (meta-filter): a detection AND'd onto the rules it names. */
export interface SigmaFilter {
  id?: string;
  title: string;
  /** Ids or names of the rules it applies to; empty means every rule with the same logsource. */
  rules: string[];
  logsource: Logsource;
  detection: Record<string, unknown>;
  conditions: string[];
  file: string;
}

/** A rule matched an event. */
export interface RuleMatch {
  rule: SigmaRule;
}

/** A file or document that could not be loaded, and why. The others still load. */
export interface LoadError {
  file: string;
  reason: string;
}
