// What the tests hand the shim's runner, and what it hands back.
import type { Sample } from './state.ts';

export interface ShimRunConfig {
  /** Absolute path of the scenario file (scenarios/*.ts). */
  readonly scenarioFile: string;
  /** k6's __ENV. */
  readonly env: Readonly<Record<string, string>>;
  /** Iterations per scenario name (the key under options.scenarios). */
  readonly iterations?: Readonly<Record<string, number>>;
  readonly defaultIterations?: number;
  /** VU ids rotate 1..vus over the iterations. Default 2. */
  readonly vus?: number;
  /**
   * Per scenario name, for iteration i: how long the scenario has been running, in milliseconds
   * (exec.scenario.startTime is set back by it), so time-based tags such as a capacity step can be
   * exercised without waiting.
   */
  readonly elapsedMs?: Readonly<Record<string, readonly number[]>>;
  readonly resultFile: string;
}

export interface ShimRunResult {
  /** An exception thrown while the script's init code ran (k6 would refuse to start). */
  initError?: string;
  /** A bug in the shim or the runner itself. */
  runError?: string;
  options?: unknown;
  samples: Sample[];
  iterationErrors: { scenario: string; iteration: number; message: string }[];
  /** Set when the script called exec.test.abort(). */
  aborted?: string;
  /** What handleSummary returned: file name (or stdout) → content. */
  summaryOutputs: Record<string, string>;
  summaryData?: unknown;
  wallMs: number;
}
