// Shim of `k6/execution`: live views of the context the shim's runner sets before each iteration.
import { currentMetadata, shim } from './state.ts';

/** Thrown by test.abort(); the runner stops the run, as k6 does. */
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
    throw new TestAbort(reason ?? 'test aborted');
  },
  fail(_message?: string): void {},
  options: {},
};

export default { scenario, vu, instance, test };
