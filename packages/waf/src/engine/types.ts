/** The public shapes of the engine (the contract the gateway codes against). */

export interface WafRequest {
  method: string;
  /** The request target as received (path and query, not decoded). */
  uri: string;
  /** `HTTP/1.1` */
  protocol: string;
  headers: ReadonlyArray<[string, string]>;
  remoteAddr: string;
  remotePort?: number;
  body?: Uint8Array;
}

export interface WafResponse {
  status: number;
  protocol?: string;
  headers: ReadonlyArray<[string, string]>;
  body?: Uint8Array;
}

export interface WafMatch {
  id: number;
  msg?: string;
  data?: string;
  severity?: string;
  tags: string[];
  phase: number;
}

export interface WafVerdict {
  action: 'allow' | 'block' | 'detect';
  status?: number;
  inboundScore: number;
  matches: WafMatch[];
}

/** A verdict with what the engine knows beyond the contract: outbound score, the rule that decided, log lines. */
export interface WafTransactionResult extends WafVerdict {
  outboundScore: number;
  /** The rule whose disruptive action decided (or would have, in detection mode). */
  decidedBy: number | undefined;
  paranoiaLevel: number;
}
