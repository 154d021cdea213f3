/**
 * SecurityEvent: the ECS-style shape every runtime part emits and the SIEM consumes (DESIGN.md §2).
 * Objects are nested as in ECS JSON documents (`{"event":{"kind":"alert"}}`); rules and queries address fields by their
 * dotted names (`event.kind`), see `getField`.
 */

export const EVENT_KINDS = ['alert', 'event', 'metric', 'state', 'pipeline_error', 'signal', 'enrichment'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_CATEGORIES = [
  'api',
  'authentication',
  'configuration',
  'database',
  'driver',
  'email',
  'file',
  'host',
  'iam',
  'intrusion_detection',
  'library',
  'malware',
  'network',
  'package',
  'process',
  'registry',
  'session',
  'threat',
  'vulnerability',
  'web',
] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

export const EVENT_TYPES = [
  'access',
  'admin',
  'allowed',
  'change',
  'connection',
  'creation',
  'deletion',
  'denied',
  'end',
  'error',
  'group',
  'indicator',
  'info',
  'installation',
  'protocol',
  'start',
  'user',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_OUTCOMES = ['success', 'failure', 'unknown'] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

/** The Rampart modules that emit events; also the last token of the NATS subject `rampart.events.<module>`. */
export type EventModule = 'gateway' | 'waf' | 'rasp' | 'admit' | 'siem' | 'scan' | (string & {});

export interface EcsEvent {
  id: string;
  kind: EventKind;
  category?: EventCategory[];
  type?: EventType[];
  action?: string;
  outcome?: EventOutcome;
  /** 0-100, see `toEcsSeverity`. */
  severity?: number;
  module: EventModule;
  dataset?: string;
  reason?: string;
  /** The raw original (a log line, an audit record) as received. */
  original?: string;
  /** When the SIEM received it (RFC 3339 UTC). */
  ingested?: string;
  duration?: number;
}

export interface SecurityEvent {
  /** RFC 3339 UTC: `2026-11-23T15:04:05.123Z`. */
  '@timestamp': string;
  event: EcsEvent;
  message?: string;
  tags?: string[];
  labels?: Record<string, string>;
  service?: { name?: string; version?: string; environment?: string };
  source?: { ip?: string; port?: number; address?: string; geo?: Record<string, unknown> };
  destination?: { ip?: string; port?: number; address?: string; domain?: string };
  client?: { ip?: string; port?: number; address?: string };
  user?: { name?: string; id?: string; roles?: string[]; domain?: string };
  user_agent?: { original?: string };
  url?: { original?: string; path?: string; query?: string; domain?: string; scheme?: string; port?: number };
  http?: {
    request?: { id?: string; method?: string; body?: { bytes?: number }; referrer?: string };
    response?: { status_code?: number; body?: { bytes?: number } };
    version?: string;
  };
  rule?: {
    id?: string;
    name?: string;
    description?: string;
    ruleset?: string;
    category?: string;
    version?: string;
    reference?: string;
  };
  threat?: {
    framework?: string;
    technique?: { id?: string[]; name?: string[] };
    tactic?: { id?: string[]; name?: string[] };
  };
  trace?: { id?: string };
  span?: { id?: string };
  host?: { name?: string; hostname?: string; ip?: string[] };
  process?: { pid?: number; name?: string; command_line?: string; executable?: string };
  file?: { path?: string; name?: string };
  container?: { id?: string; name?: string; image?: { name?: string } };
  orchestrator?: { namespace?: string; resource?: { name?: string; type?: string }; type?: string };
  cloud?: { provider?: string; region?: string; account?: { id?: string } };
  error?: { message?: string; code?: string; type?: string };
  /** Rampart's own fields per module (`rampart.waf.anomaly_score`, `rampart.rasp.sink`, ...). */
  rampart?: Record<string, unknown>;
  /** Fields of an ingested source that have no ECS home are kept under their own top-level names. */
  [extra: string]: unknown;
}
