// What the emulator tells whoever watches it (the metrics exporter): one event per request, with
// bounded values only. Never tokens, contact ids, or anything from a request body but the rule name.
import type { OperationName } from '../contract/index.ts';
import type { EmulatorOutcome as Outcome } from '../contract/metric-names.ts';

export interface RequestEvent {
  readonly operation: OperationName | 'unknown';
  readonly outcome: Outcome;
  readonly errorName: string | undefined;
  /** The violated rule or condition that chose the error, e.g. "length" or "rate-throttle". */
  readonly condition: string | undefined;
  /** A configured instance id, or undefined (never an unknown id from the request: unbounded). */
  readonly instanceId: string | undefined;
  readonly durationMs: number;
}

export interface EmulatorObserver {
  request(event: RequestEvent): void;
  close?(): Promise<void>;
}
