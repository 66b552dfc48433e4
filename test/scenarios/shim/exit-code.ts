// k6's exit code for a run, from what happened in it (errext/exitcodes/codes.go; /work/k6-notes.md §5).
//
// Precedence, as internal/cmd/run.go cmdRun.run decides it:
//   - init fails: 107 for an exception in the init code (internal/js/bundle.go, runner.go
//     scriptExceptionError), 104 for options k6 refuses (internal/cmd/config.go
//     deriveAndValidateConfig, metrics/thresholds.go Validate). Nothing runs, handleSummary neither.
//   - an abort: the FIRST reason wins (internal/execution/abort.go testAbortController.abort keeps
//     only the first): 108 for exec.test.abort() (errext/interrupt_error.go), 99 for an abortOnFail
//     threshold (internal/metrics/engine/engine.go StartThresholdCalculations). Scheduler.Run returns
//     the abort reason in place of its own error (internal/execution/scheduler.go Run).
//   - an exception in setup() or teardown(): 107 (testAbortedByScriptError).
//   - exec.test.fail(): 110, returned before the deferred threshold finalization, which then keeps it.
//   - thresholds crossed at the end: 99, only when nothing above happened ("Crossed thresholds, but
//     test already exited with another error").
//   - handleSummary throwing never changes the code (run.go logs "failed to handle the end-of-test
//     summary").
export const exitCodes = {
  ok: 0,
  thresholdsHaveFailed: 99,
  invalidConfig: 104,
  scriptException: 107,
  scriptAborted: 108,
  markedAsFailed: 110,
} as const;

export interface RunOutcome {
  readonly initError?: string;
  readonly configError?: string;
  /** The first abort, by kind. */
  readonly abortedBy?: 'test.abort' | 'threshold';
  readonly setupError?: string;
  readonly teardownError?: string;
  readonly markedFailed?: string;
  readonly thresholdsCrossed: boolean;
}

export function exitCodeOf(o: RunOutcome): number {
  if (o.configError !== undefined) return exitCodes.invalidConfig;
  if (o.initError !== undefined) return exitCodes.scriptException;
  if (o.abortedBy === 'test.abort') return exitCodes.scriptAborted;
  if (o.abortedBy === 'threshold') return exitCodes.thresholdsHaveFailed;
  if (o.setupError !== undefined || o.teardownError !== undefined) return exitCodes.scriptException;
  if (o.markedFailed !== undefined) return exitCodes.markedAsFailed;
  return o.thresholdsCrossed ? exitCodes.thresholdsHaveFailed : exitCodes.ok;
}
