/** Where alerts go besides the store (which always has them): stdout, webhooks. */
import type { AlertRecord } from '../store/types.js';

export interface AlertOutput {
  readonly name: string;
  /** Hands alerts over; never throws and never blocks the pipeline (delivery happens in the background). */
  send(alerts: readonly AlertRecord[]): void;
  /** Waits for what is in flight (bounded by the output's own retry budget). */
  close(): Promise<void>;
}

export interface AlertOutputStats {
  sent: number;
  failed: number;
  dropped: number;
}
