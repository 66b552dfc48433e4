// The shim's runner, one scenario file per process:
//   node --import tsx --import ./test/scenarios/shim/register.ts test/scenarios/shim/run-scenario.ts CONFIG.json
// It walks k6's life cycle once (init, configuration, setup, a few iterations of each scenario's
// exec function, teardown, handleSummary) and writes what happened to the result file, with the
// exit code k6 would give. Test code, not a load engine: iterations run one after another,
// executors and their timing are not simulated. What it does model is written from k6's source
// (v2.2.0) and cited beside each rule: option layering and archives (k6-options.ts), thresholds
// with and without samples (thresholds.ts), abortOnFail, exec.test.abort/fail, exit codes
// (exit-code.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exitCodeOf } from './exit-code.ts';
import { TestAbort } from './k6-execution.ts';
import { consolidate, deriveScenarios, K6ConfigError, optionsAsObject, optionsJson, parseExtendedDuration, readEnvConfig, validateScenarios, type K6Options } from './k6-options.ts';
import { summaryData } from './summary-data.ts';
import { emit, requirePhase, shim } from './state.ts';
import { stopHttpWorker } from './sync-http.ts';
import { evaluateThresholds, shouldAbort, thresholdError, type ThresholdSpec } from './thresholds.ts';
import type { ShimRunConfig, ShimRunResult } from './run-types.ts';

interface ScenarioOptions {
  readonly exec?: string | null;
  readonly executor: string;
  readonly startTime?: string | null;
}

interface ScenarioModule {
  readonly options?: K6Options;
  readonly setup?: () => unknown;
  readonly teardown?: (data: unknown) => unknown;
  readonly handleSummary?: (data: unknown) => unknown;
  readonly [exec: string]: unknown;
}

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ShimRunConfig;
const started = Date.now();
const result: ShimRunResult = { samples: [], iterationErrors: [], summaryOutputs: {}, wallMs: 0, exitCode: 0, phases: [] };

function installGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  g.__ENV = { ...config.env };
  g.__VU = 0;
  g.__ITER = 0;
  g.open = (path: string, mode?: 'b') => {
    requirePhase('open()', 'init');
    const data = readFileSync(resolve(shim.baseDir, path));
    return mode === 'b' ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : data.toString('utf8');
  };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const delayMs = (text: string) => parseExtendedDuration(text);

/** The time the test has been running: wall time, or the scenario time a test injected if more. */
let injectedRunMs = 0;
const runMs = () => Math.max(Date.now() - started, injectedRunMs);

/**
 * k6 validates thresholds when it loads the test (metrics/thresholds.go Thresholds.Validate via
 * internal/metrics/engine InitSubMetricsAndThresholds): the metric must exist (custom metrics are
 * created in the init code) and the aggregation must suit its type. Exit 104 otherwise.
 */
function validateThresholds(thresholds: Readonly<Record<string, readonly ThresholdSpec[]>>): void {
  for (const [key, specs] of Object.entries(thresholds)) {
    const name = key.split('{')[0]!.trim();
    const info = shim.metrics.get(name);
    if (info === undefined) throw new K6ConfigError(`invalid threshold defined on ${key}; reason: no metric name "${name}" found`);
    for (const spec of specs) {
      const error = thresholdError(typeof spec === 'string' ? spec : spec.threshold, info.type);
      if (error !== undefined) throw new K6ConfigError(`invalid threshold defined on ${key}; reason: ${error}`);
    }
  }
}

function thresholdsOf(options: K6Options): Record<string, ThresholdSpec[]> {
  return (typeof options.thresholds === 'object' && options.thresholds !== null ? options.thresholds : {}) as Record<string, ThresholdSpec[]>;
}

/** After each iteration: k6's running evaluation (every 2 s there), which skips empty metrics. */
function abortOnFail(thresholds: Record<string, ThresholdSpec[]>): string | undefined {
  const verdicts = evaluateThresholds(thresholds, shim.samples, (m) => shim.metrics.get(m)?.type, runMs() / 1000, delayMs, true);
  const hit = shouldAbort(verdicts, runMs());
  // internal/metrics/engine/engine.go StartThresholdCalculations: the abort's error text.
  return hit === undefined ? undefined : `thresholds on metrics '${hit.key}' were crossed; at least one has abortOnFail enabled, stopping test prematurely`;
}

class ThresholdAbort extends Error {}

async function runIterations(mod: ScenarioModule, name: string, scenario: ScenarioOptions, setupData: unknown, thresholds: Record<string, ThresholdSpec[]>): Promise<void> {
  const exec = scenario.exec ?? 'default';
  const fn = mod[exec];
  if (typeof fn !== 'function') throw new Error(`scenario ${name}: exec function "${exec}" is not exported`);
  const count = config.iterations?.[name] ?? config.defaultIterations ?? 3;
  const vus = config.vus ?? 2;
  const scenarioStart = Date.now();
  const perVu = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const vuId = (i % vus) + 1;
    const iterationInScenario = perVu.get(vuId) ?? 0;
    perVu.set(vuId, iterationInScenario + 1);
    const elapsed = config.elapsedMs?.[name]?.[i];
    if (elapsed !== undefined) injectedRunMs = Math.max(injectedRunMs, elapsed);
    Object.assign(shim.context, {
      scenario: name,
      executor: scenario.executor,
      scenarioStartTime: elapsed === undefined ? scenarioStart : Date.now() - elapsed,
      iterationInTest: i,
      vuId,
      iterationInScenario,
    });
    Object.assign(globalThis, { __VU: vuId, __ITER: iterationInScenario });
    const t0 = performance.now();
    try {
      await (fn as (data: unknown) => unknown)(setupData);
    } catch (error) {
      if (error instanceof TestAbort) throw error;
      // An exception in an iteration ends that iteration only; k6 logs it and goes on.
      result.iterationErrors.push({ scenario: name, iteration: i, message: message(error) });
    }
    const tags = { ...shim.testTags, scenario: name };
    emit('iteration_duration', performance.now() - t0, tags);
    emit('iterations', 1, tags);
    const abort = abortOnFail(thresholds);
    if (abort !== undefined) throw new ThresholdAbort(abort);
  }
}

async function importScenario(): Promise<ScenarioModule | undefined> {
  try {
    return (await import(pathToFileURL(config.scenarioFile).href)) as ScenarioModule;
  } catch (error) {
    result.initError = message(error);
    return undefined;
  }
}

/** The options in force: runner options (the script's, or the archive's), K6_* env, CLI; derived and validated. */
function configure(mod: ScenarioModule): K6Options {
  // A plain run serialises the script's export the way k6 reads it (durations, executor configs);
  // an archive run keeps the archived options and ignores the export (bundle.go populateExports).
  const runnerOptions = config.archivedOptions ?? optionsJson(mod.options ?? {});
  const consolidated = consolidate(runnerOptions, readEnvConfig(config.env), config.cli ?? {});
  const derived = deriveScenarios(consolidated);
  validateScenarios(derived, (fn) => typeof mod[fn] === 'function');
  validateThresholds(thresholdsOf(derived));
  return derived;
}

function startSeconds(s: ScenarioOptions): number {
  return (parseExtendedDuration(s.startTime ?? '0s') ?? 0) / 1000;
}

async function run(): Promise<void> {
  installGlobals();
  shim.baseDir = dirname(config.scenarioFile);
  result.phases.push('init');
  const mod = await importScenario();
  if (mod === undefined) return;
  result.options = JSON.parse(JSON.stringify(mod.options ?? {})) as unknown;

  if (config.mode === 'archive') {
    // internal/cmd/archive.go cmdArchive.run: the consolidated options go into metadata.json.
    try {
      result.archivedOptions = optionsJson(mod.options ?? {});
    } catch (error) {
      result.configError = message(error);
    }
    return;
  }
  if (config.archivedOptions !== undefined) result.archivedOptions = config.archivedOptions;

  let derived: K6Options;
  try {
    derived = configure(mod);
  } catch (error) {
    if (!(error instanceof K6ConfigError)) throw error;
    result.configError = error.message;
    return;
  }
  shim.optionsInForce = optionsAsObject(derived);
  result.optionsInForce = JSON.parse(JSON.stringify(shim.optionsInForce)) as unknown;
  const thresholds = thresholdsOf(derived);
  shim.testTags = { ...(derived.tags as Record<string, string> | undefined) };
  const scenarios = Object.entries((derived.scenarios ?? {}) as Record<string, ScenarioOptions>);
  scenarios.sort(([, a], [, b]) => startSeconds(a) - startSeconds(b));

  // internal/execution/scheduler.go Scheduler.Run: setup before any executor; an error (an
  // exception or test.abort) returns at once: no iteration, no teardown.
  shim.phase = 'setup';
  result.phases.push('setup');
  let setupData: unknown;
  let setupFailed = false;
  try {
    // k6 hands setup's result to every VU as JSON.
    setupData = mod.setup ? (JSON.parse(JSON.stringify((await mod.setup()) ?? null)) as unknown) : undefined;
    result.setupData = setupData;
  } catch (error) {
    setupFailed = true;
    if (error instanceof TestAbort) {
      result.aborted = error.message;
      result.abortedBy = 'test.abort';
    } else result.setupError = message(error);
  }

  if (!setupFailed) {
    shim.phase = 'vu';
    result.phases.push('vu');
    try {
      for (const [name, scenario] of scenarios) await runIterations(mod, name, scenario, setupData, thresholds);
    } catch (error) {
      if (error instanceof TestAbort) {
        result.aborted = error.message;
        result.abortedBy = 'test.abort';
      } else if (error instanceof ThresholdAbort) {
        result.aborted = error.message;
        result.abortedBy = 'threshold';
      } else throw error;
    }
    // Teardown runs with the global context: not stopped by thresholds or test.abort() (scheduler.go Run).
    shim.phase = 'teardown';
    result.phases.push('teardown');
    try {
      await mod.teardown?.(setupData);
    } catch (error) {
      if (error instanceof TestAbort) {
        result.aborted ??= error.message;
        result.abortedBy ??= 'test.abort';
      } else result.teardownError = message(error);
    }
  }

  // The end-of-test evaluation (finalize: evaluateThresholds(false)) judges empty metrics too.
  const durationMs = Date.now() - started;
  const final = evaluateThresholds(thresholds, shim.samples, (m) => shim.metrics.get(m)?.type, durationMs / 1000, delayMs, false);
  result.thresholdVerdicts = final.map(({ key, expression, ok }) => ({ key, expression, ok }));

  // internal/cmd/run.go: handleSummary runs after the thresholds are final, for every run that got
  // past loading, aborted or not; what it throws is logged and changes nothing.
  shim.phase = 'summary';
  result.phases.push('summary');
  const data = summaryData({
    thresholds: thresholds as Parameters<typeof summaryData>[0]['thresholds'],
    summaryTrendStats: (derived.summaryTrendStats as string[] | undefined) ?? [],
    durationMs,
    setupData,
  });
  result.summaryData = data;
  if (mod.handleSummary) {
    try {
      const outputs = (await mod.handleSummary(data)) as Record<string, string | ArrayBuffer> | undefined;
      for (const [key, value] of Object.entries(outputs ?? {})) {
        result.summaryOutputs[key] = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
      }
    } catch (error) {
      result.summaryError = message(error);
    }
  }
}

try {
  await run();
} catch (error) {
  result.runError = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
}
result.samples = shim.samples;
result.exitCode = exitCodeOf({
  ...(result.initError !== undefined ? { initError: result.initError } : {}),
  ...(result.configError !== undefined ? { configError: result.configError } : {}),
  ...(result.abortedBy !== undefined ? { abortedBy: result.abortedBy } : {}),
  ...(result.setupError !== undefined ? { setupError: result.setupError } : {}),
  ...(result.teardownError !== undefined ? { teardownError: result.teardownError } : {}),
  ...(shim.markedFailed !== undefined ? { markedFailed: shim.markedFailed } : {}),
  thresholdsCrossed: (result.thresholdVerdicts ?? []).some((v) => !v.ok),
});
result.wallMs = Date.now() - started;
writeFileSync(config.resultFile, JSON.stringify(result));
await stopHttpWorker();
