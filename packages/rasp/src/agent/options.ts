/** The agent's options: from `protect(options)`, or from the environment for `--require/--import @rampart/rasp/register`. */
import type { SecurityEvent } from '@rampart/core/event';
import type { AttackKind, SinkFamily } from './attack.js';

export type RaspMode = 'block' | 'monitor';

/** Lets detections through for a route (glob on `METHOD /path` or `/path`), a sink family or sink, and/or an attack kind. */
export interface AllowRule {
  route?: string;
  /** A sink family (`sql`, `shell`, `fs`, `outbound`, `nosql`, `code`, `input`) or one sink (`pg.query`). */
  sink?: SinkFamily | (string & {});
  kind?: AttackKind;
}

/** Where events go, besides stderr: the SIEM's HTTP ingest (batched by core's HttpSink) or any object with `send`. */
export interface EventTarget {
  send(event: SecurityEvent): void;
  flush?(): Promise<void>;
  close?(): Promise<void>;
}

export interface RaspOptions {
  /** `block` (default) throws RaspBlockedError at the sink; `monitor` reports and lets the call run. */
  mode?: RaspMode;
  allow?: AllowRule[];
  /** The SIEM's event ingest URL, e.g. `http://127.0.0.1:8686/api/v1/events`. */
  siemUrl?: string;
  siemToken?: string;
  /** Another event target (tests, or an app's own pipeline). */
  events?: EventTarget;
  /** One JSON line per detection on stderr (default true). */
  log?: boolean;
  service?: { name?: string; version?: string; environment?: string };
  /** Attack kinds whose detectors are off. */
  disable?: AttackKind[];
  /**
   * Testing only: the detectors of these sink families throw an internal error, to prove the agent fails open. Never set
   * it in production.
   */
  faultInjection?: SinkFamily[];
}

export interface ResolvedOptions {
  mode: RaspMode;
  allow: AllowRule[];
  siemUrl: string | undefined;
  siemToken: string | undefined;
  events: EventTarget | undefined;
  log: boolean;
  service: { name?: string; version?: string; environment?: string };
  disabled: ReadonlySet<AttackKind>;
  faults: ReadonlySet<SinkFamily>;
}

export function resolveOptions(o: RaspOptions = {}): ResolvedOptions {
  return {
    mode: o.mode === 'monitor' ? 'monitor' : 'block',
    allow: o.allow ?? [],
    siemUrl: o.siemUrl,
    siemToken: o.siemToken,
    events: o.events,
    log: o.log !== false,
    service: o.service ?? {},
    disabled: new Set(o.disable ?? []),
    faults: new Set(o.faultInjection ?? []),
  };
}

/**
 * Options from the environment: RAMPART_RASP_MODE (block|monitor), RAMPART_RASP_SIEM_URL, RAMPART_RASP_SIEM_TOKEN,
 * RAMPART_RASP_ALLOW (a JSON array of AllowRule), RAMPART_RASP_LOG=0, RAMPART_RASP_SERVICE, RAMPART_RASP_DISABLE
 * (comma-separated attack kinds), RAMPART_RASP_FAULT (testing only, comma-separated sink families).
 * Errors here are reported on stderr and the faulty setting ignored: a typo must not stop the app from starting.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): RaspOptions {
  const o: RaspOptions = {};
  const mode = env.RAMPART_RASP_MODE;
  if (mode === 'block' || mode === 'monitor') o.mode = mode;
  else if (mode !== undefined && mode !== '') warn(`RAMPART_RASP_MODE=${mode} is not block or monitor; using block`);
  if (env.RAMPART_RASP_SIEM_URL) o.siemUrl = env.RAMPART_RASP_SIEM_URL;
  if (env.RAMPART_RASP_SIEM_TOKEN) o.siemToken = env.RAMPART_RASP_SIEM_TOKEN;
  if (env.RAMPART_RASP_LOG === '0' || env.RAMPART_RASP_LOG === 'false') o.log = false;
  if (env.RAMPART_RASP_SERVICE) o.service = { name: env.RAMPART_RASP_SERVICE };
  if (env.RAMPART_RASP_ALLOW) {
    try {
      const rules = JSON.parse(env.RAMPART_RASP_ALLOW) as unknown;
      if (!Array.isArray(rules)) throw new Error('expected a JSON array of {route?, sink?, kind?}');
      o.allow = rules as AllowRule[];
    } catch (e) {
      warn(`RAMPART_RASP_ALLOW ignored: ${(e as Error).message}`);
    }
  }
  if (env.RAMPART_RASP_DISABLE) o.disable = env.RAMPART_RASP_DISABLE.split(',').map((s) => s.trim()) as AttackKind[];
  if (env.RAMPART_RASP_FAULT) o.faultInjection = env.RAMPART_RASP_FAULT.split(',').map((s) => s.trim()) as SinkFamily[];
  return o;
}

function warn(message: string): void {
  process.stderr.write(`${JSON.stringify({ level: 'warn', module: 'rasp', msg: message })}\n`);
}
