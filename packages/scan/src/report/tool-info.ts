/** Who produced a report: every writer names the tool (SARIF `tool.driver`, CycloneDX `metadata.tools`). */
export interface ToolInfo {
  /** `rampart` for the CLI; a library user may name their own tool. */
  name: string;
  version: string;
  informationUri?: string;
}

/** Where the findings came from, for the report's header: which scan and which vulnerability DB. */
export interface ReportContext {
  /** The DB the matcher used (`path`, and the date of its data), when vulnerabilities were matched. */
  db?: { path: string; updatedAt?: string; source?: string; dataModified?: string };
  /** RFC 3339 UTC time of the scan; defaults to now. */
  createdAt?: string;
}
