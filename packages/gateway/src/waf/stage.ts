/**
 * The WAF as one stage of the pipeline. Structural on purpose: the gateway depends on core only, and the CLI injects
 * `loadWaf` of @rampart/waf, whose `Waf` has exactly this shape.
 */
import type { SecurityEvent } from '@rampart/core/event';

export interface WafRequest {
  method: string;
  uri: string;
  protocol: string;
  headers: ReadonlyArray<[string, string]>;
  remoteAddr: string;
  remotePort?: number;
  body?: Uint8Array;
}

export interface WafVerdict {
  action: 'allow' | 'block' | 'detect';
  status?: number;
  inboundScore: number;
  matches: { id: number; msg?: string; data?: string; severity?: string; tags: string[]; phase: number }[];
}

export interface WafStage {
  evaluateRequest(req: WafRequest): WafVerdict;
  verdictToEvent(verdict: WafVerdict, req: WafRequest): SecurityEvent;
}

/** Builds the WAF from the config's `waf:` section (the CLI passes `loadWaf`). */
export type WafFactory = (options: Record<string, unknown>) => Promise<WafStage>;
