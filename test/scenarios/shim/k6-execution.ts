// Shim of `k6/execution`: live views of the context the shim's runner sets before each iteration.
import { currentMetadata, requirePhase, shim } from './state.ts';

/**
 * Thrown by test.abort(); the runner stops the run, as k6 does. k6 interrupts the JS runtime with
 * errext.InterruptError{Reason: "test aborted: <msg>"} (internal/js/modules/k6/execution/execution.go
 * newTestInfo "abort"), whose exit code is 108 (errext/interrupt_error.go, ScriptAborted).
 */
export class TestAbort extends Error {
  override readonly name = 'TestAbort';
}

const ctx = () => shim.context;

export const scenario = {
  get name() {
    return ctx().scenario;
  },
  get executor() {
    return ctx().executor;
  },
  get startTime() {
    return ctx().scenarioStartTime;
  },
  get progress() {
    return 0;
  },
  get iterationInInstance() {
    return ctx().iterationInTest;
  },
  get iterationInTest() {
    return ctx().iterationInTest;
  },
};

export const vu = {
  get idInInstance() {
    return ctx().vuId;
  },
  get idInTest() {
    return ctx().vuId;
  },
  get iterationInInstance() {
    return ctx().iterationInScenario;
  },
  get iterationInScenario() {
    return ctx().iterationInScenario;
  },
  tags: {} as Record<string, string | number | boolean>,
  metrics: {
    tags: {} as Record<string, string | number | boolean>,
    get metadata() {
      return currentMetadata();
    },
  },
};

export const instance = {
  iterationsInterrupted: 0,
  get iterationsCompleted() {
    return ctx().iterationInTest;
  },
  vusActive: 1,
  vusInitialized: 1,
  get currentTestRunDuration() {
    return Date.now() - ctx().scenarioStartTime;
  },
};

export const test = {
  abort(reason?: string): never {
    throw new TestAbort(reason === undefined || reason === null ? 'test aborted' : `test aborted: ${reason}`);
  },
  /** execution.go "fail": marks the run failed (exit 110) and lets it go on; outside a VU it throws. */
  fail(message?: string): void {
    requirePhase('exec.test.fail()', 'setup', 'vu', 'teardown');
    shim.markedFailed ??= message === undefined ? 'test run marked as failed' : `test run marked as failed: ${message}`;
  },
  /**
   * execution.go "options": the consolidated and derived options (vuState.Options), shaped by
   * optionsAsObject; in the init context there is no VU state and k6 throws.
   */
  get options(): Readonly<Record<string, unknown>> {
    if (shim.phase === 'init') throw new Error('getting test options in the init context is not supported');
    if (shim.optionsInForce === undefined) throw new Error('k6 shim: the runner set no options in force');
    return shim.optionsInForce;
  },
};

export default { scenario, vu, instance, test };
