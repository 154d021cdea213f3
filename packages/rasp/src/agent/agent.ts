/**
 * The running agent: options, allowlist and reporter, and the two entry points every hook uses. `inspect` runs a detector
 * fail-open (an exception inside it is reported once and the host call proceeds); `handle` decides what a detection
 * means (allowlisted, monitor, block), reports it, and in block mode throws RaspBlockedError at the sink.
 */
import type { RequestContext } from '../context/request-context.js';
import { Allowlist } from './allowlist.js';
import type { Attack, SinkFamily } from './attack.js';
import { RaspBlockedError } from './blocked-error.js';
import { attackEvent } from './event.js';
import { type RaspOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { Reporter } from './reporter.js';

/** The response a blocked error belongs to, for the node:http fallback that answers 403 itself. */
export const kResponse = Symbol('rampart.rasp.response');

export class Agent {
  readonly options: ResolvedOptions;
  readonly reporter: Reporter;
  private readonly allowlist: Allowlist;

  constructor(options: RaspOptions) {
    this.options = resolveOptions(options);
    this.allowlist = new Allowlist(this.options.allow);
    this.reporter = new Reporter(this.options);
  }

  /** Runs a detector; any exception it throws is the agent's own failure: reported once, and treated as no attack. */
  inspect<T extends object>(family: SinkFamily, sink: string, detect: () => T | undefined): T | undefined {
    try {
      if (this.options.faults.has(family)) throw new Error(`fault injected into the ${family} detector`);
      const found = detect();
      const kind = (found as { kind?: Attack['kind'] } | undefined)?.kind;
      if (kind !== undefined && this.options.disabled.has(kind)) return undefined;
      return found;
    } catch (e) {
      this.reporter.internal(sink, e);
      return undefined;
    }
  }

  /** Reports a detection and, in block mode, throws at the sink. Allowlisted detections pass silently. */
  handle(attack: Attack, ctx: RequestContext): void {
    let blocked = false;
    try {
      if (this.allowlist.allows(attack, ctx.method, ctx.path, ctx.routePattern())) return;
      blocked = this.options.mode === 'block';
      const key = `${attack.kind}|${attack.sink}|${attack.payload}`;
      if (!ctx.reported.has(key)) {
        ctx.reported.add(key);
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 40; // deep enough to get past driver internals to the app's own frame
        const stack = new Error().stack;
        Error.stackTraceLimit = limit;
        this.reporter.event(attackEvent(attack, ctx, blocked, this.options, stack));
      }
    } catch (e) {
      this.reporter.internal('report', e);
    }
    if (blocked) {
      const err = new RaspBlockedError(attack.kind, attack.sink);
      Object.defineProperty(err, kResponse, { value: ctx.res, enumerable: false });
      throw err;
    }
  }
}

let active: Agent | undefined;

export function activeAgent(): Agent | undefined {
  return active;
}

export function setActiveAgent(agent: Agent | undefined): void {
  active = agent;
}
