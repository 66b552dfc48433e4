// The shim's memory: every metric sample a scenario emits (with its tags and metadata), the metric
// types, and the execution context (which scenario, VU and iteration is running). Test code, not a
// load engine: one process, one VU running at a time, no executor timing.

export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';

export interface Sample {
  readonly metric: string;
  readonly value: number;
  readonly tags: Readonly<Record<string, string>>;
  /** exec.vu.metrics.metadata at the time of the sample (k6 writes it to --out json, never to tags). */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly time: number;
}

export interface MetricInfo {
  readonly type: MetricType;
  readonly contains: 'time' | 'default';
}

/** Where the script is in k6's life cycle: some APIs work only in some phases. */
export type Phase = 'init' | 'setup' | 'vu' | 'teardown' | 'summary';

export interface ExecutionContext {
  scenario: string;
  executor: string;
  scenarioStartTime: number;
  iterationInTest: number;
  vuId: number;
  iterationInScenario: number;
}

export const builtinMetrics: Readonly<Record<string, MetricInfo>> = {
  http_reqs: { type: 'counter', contains: 'default' },
  http_req_duration: { type: 'trend', contains: 'time' },
  http_req_failed: { type: 'rate', contains: 'default' },
  checks: { type: 'rate', contains: 'default' },
  iterations: { type: 'counter', contains: 'default' },
  iteration_duration: { type: 'trend', contains: 'time' },
  // metrics/builtin.go DroppedIterationsName: always registered, so a threshold may name it even
  // when no executor emitted a sample (the shim's runner never drops an iteration).
  dropped_iterations: { type: 'counter', contains: 'default' },
};

export const shim = {
  phase: 'init' as Phase,
  samples: [] as Sample[],
  metrics: new Map<string, MetricInfo>(Object.entries(builtinMetrics)),
  /** options.tags: k6 puts them on every sample. */
  testTags: {} as Record<string, string>,
  context: { scenario: '', executor: '', scenarioStartTime: 0, iterationInTest: 0, vuId: 0, iterationInScenario: 0 } as ExecutionContext,
  /** exec.vu.metrics.metadata, one object per VU as in k6. */
  metadata: new Map<number, Record<string, string | number | boolean>>(),
  /** Directory that open() resolves relative paths against (the entry scenario's). */
  baseDir: process.cwd(),
  /** exec.test.options: the derived options in force, as k6's optionsAsObject shapes them (k6-options.ts). */
  optionsInForce: undefined as Readonly<Record<string, unknown>> | undefined,
  /** exec.test.fail() was called: the run ends with exit code 110 unless aborted. */
  markedFailed: undefined as string | undefined,
};

export function currentMetadata(): Record<string, string | number | boolean> {
  let metadata = shim.metadata.get(shim.context.vuId);
  if (metadata === undefined) shim.metadata.set(shim.context.vuId, (metadata = {}));
  return metadata;
}

/** The tags k6 itself adds to a sample: the test-wide tags, and the scenario during iterations. */
export function systemTags(): Record<string, string> {
  return shim.phase === 'vu' ? { ...shim.testTags, scenario: shim.context.scenario } : { ...shim.testTags };
}

export function emit(metric: string, value: number, tags: Readonly<Record<string, string>>): void {
  const metadata = currentMetadata();
  const copy = Object.keys(metadata).length === 0 ? undefined : Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, String(v)]));
  shim.samples.push({ metric, value, tags, ...(copy ? { metadata: copy } : {}), time: Date.now() });
}

export function requirePhase(what: string, ...phases: Phase[]): void {
  if (!phases.includes(shim.phase)) throw new Error(`k6: ${what} is not allowed in the ${shim.phase} phase (only in ${phases.join(', ')})`);
}
