// What the tests hand the shim's runner, and what it hands back.
import type { ConfigTier, K6Options } from './k6-options.ts';
import type { Sample } from './state.ts';

export interface ShimRunConfig {
  /** Absolute path of the scenario file (scenarios/*.ts). */
  readonly scenarioFile: string;
  /**
   * k6's __ENV at run time: for `k6 run` the process environment plus -e values. K6_VUS,
   * K6_DURATION, K6_ITERATIONS and K6_STAGES among them configure the run as k6's environment
   * tier does (k6-options.ts readEnvConfig).
   */
  readonly env: Readonly<Record<string, string>>;
  /** Command-line option flags (--vus, --duration, --iterations, --stage): the highest tier. */
  readonly cli?: ConfigTier;
  /**
   * Run the scenario as `k6 archive -e ... script.ts` followed by `k6 run archive.tar`: the options
   * are computed by an init pass with `env` (the -e values; k6 archive reads nothing else from the
   * environment), stored, and kept at run time, where the init code runs again with the archive's
   * env overlaid by the run-time `env` (/work/k6-notes.md §1).
   */
  readonly archive?: { readonly env: Readonly<Record<string, string>> };
  /** Set by runInShim for the second pass of an archive run: the archived options. */
  readonly archivedOptions?: K6Options;
  /** `archive`: run only the init code and report the options k6 archive would store. */
  readonly mode?: 'archive' | 'run';
  /** Iterations per scenario name (the key under options.scenarios). */
  readonly iterations?: Readonly<Record<string, number>>;
  readonly defaultIterations?: number;
  /** VU ids rotate 1..vus over the iterations. Default 2. */
  readonly vus?: number;
  /**
   * Per scenario name, for iteration i: how long the scenario has been running, in milliseconds
   * (exec.scenario.startTime is set back by it), so time-based tags such as a capacity step can be
   * exercised without waiting. The test-run time abortOnFail compares delayAbortEval with is at
   * least this.
   */
  readonly elapsedMs?: Readonly<Record<string, readonly number[]>>;
  readonly resultFile: string;
}

/** The phases of k6's life cycle the runner went through. */
export type RunPhase = 'init' | 'setup' | 'vu' | 'teardown' | 'summary';

export interface ShimRunResult {
  /** An exception thrown while the script's init code ran (k6 refuses to start: exit 107). */
  initError?: string;
  /** Options k6 would refuse (exit 104): derivation, executor validation, thresholds, exports. */
  configError?: string;
  /** A bug in the shim or the runner itself. */
  runError?: string;
  /** What the script's init code exported as `options` in this (last) pass. */
  options?: unknown;
  /** For an archive run: the options `k6 archive` stored (lib.Options JSON). */
  archivedOptions?: unknown;
  /** exec.test.options: the options in force (derived, shortcuts removed). */
  optionsInForce?: unknown;
  samples: Sample[];
  iterationErrors: { scenario: string; iteration: number; message: string }[];
  /** Why the run was aborted: "test aborted: <reason>" (exec.test.abort) or a threshold's abortOnFail. */
  aborted?: string;
  abortedBy?: 'test.abort' | 'threshold';
  /** What setup() returned, as every VU got it (JSON). */
  setupData?: unknown;
  /** An exception thrown by setup() or teardown() (exit 107). */
  setupError?: string;
  teardownError?: string;
  /** handleSummary threw: logged by k6, never a change of exit code. */
  summaryError?: string;
  /** Each threshold's end-of-test verdict (k6's finalize evaluation). */
  thresholdVerdicts?: { key: string; expression: string; ok: boolean }[];
  /** The process exit code k6 would give this run (shim/exit-code.ts). */
  exitCode: number;
  phases: RunPhase[];
  /** What handleSummary returned: file name (or stdout) → content. */
  summaryOutputs: Record<string, string>;
  summaryData?: unknown;
  wallMs: number;
}
