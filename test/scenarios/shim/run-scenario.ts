// The shim's runner, one scenario file per process:
//   node --import tsx --import ./test/scenarios/shim/register.ts test/scenarios/shim/run-scenario.ts CONFIG.json
// It walks k6's life cycle once (init, setup, a few iterations of each scenario's exec function,
// teardown, handleSummary) and writes what happened to the result file. Test code, not a load
// engine: iterations run one after another, executors and their timing are not simulated.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestAbort } from './k6-execution.ts';
import { summaryData } from './summary-data.ts';
import { emit, requirePhase, shim } from './state.ts';
import { stopHttpWorker } from './sync-http.ts';
import type { ShimRunConfig, ShimRunResult } from './run-types.ts';

interface ScenarioOptions {
  readonly exec?: string;
  readonly executor: string;
  readonly startTime?: string;
}

interface ScenarioModule {
  readonly options?: {
    scenarios?: Record<string, ScenarioOptions>;
    thresholds?: Record<string, never[]>;
    summaryTrendStats?: string[];
    tags?: Record<string, string>;
  };
  readonly setup?: () => unknown;
  readonly teardown?: (data: unknown) => unknown;
  readonly handleSummary?: (data: unknown) => unknown;
  readonly [exec: string]: unknown;
}

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ShimRunConfig;
const started = Date.now();
const result: ShimRunResult = { samples: [], iterationErrors: [], summaryOutputs: {}, wallMs: 0 };

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

function seconds(duration: string | undefined): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(duration ?? '0s');
  if (!m) return 0;
  return Number(m[1]) * ({ ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] ?? 's'] ?? 1);
}

async function runIterations(mod: ScenarioModule, name: string, scenario: ScenarioOptions, setupData: unknown): Promise<void> {
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
      result.iterationErrors.push({ scenario: name, iteration: i, message: error instanceof Error ? error.message : String(error) });
    }
    const tags = { ...shim.testTags, scenario: name };
    emit('iteration_duration', performance.now() - t0, tags);
    emit('iterations', 1, tags);
  }
}

async function run(): Promise<void> {
  installGlobals();
  shim.baseDir = dirname(config.scenarioFile);
  let mod: ScenarioModule;
  try {
    mod = (await import(pathToFileURL(config.scenarioFile).href)) as ScenarioModule;
  } catch (error) {
    result.initError = error instanceof Error ? error.message : String(error);
    return;
  }
  const options = mod.options ?? {};
  result.options = JSON.parse(JSON.stringify(options)) as unknown;
  shim.testTags = { ...options.tags };
  const scenarios = Object.entries(options.scenarios ?? { default: { executor: 'per-vu-iterations' } });
  scenarios.sort(([, a], [, b]) => seconds(a.startTime) - seconds(b.startTime));

  shim.phase = 'setup';
  // k6 passes setup's result to every VU as JSON.
  const setupData = mod.setup ? (JSON.parse(JSON.stringify((await mod.setup()) ?? null)) as unknown) : undefined;
  shim.phase = 'vu';
  try {
    for (const [name, scenario] of scenarios) await runIterations(mod, name, scenario, setupData);
  } catch (error) {
    result.aborted = (error as Error).message;
  }
  shim.phase = 'teardown';
  await mod.teardown?.(setupData);

  shim.phase = 'summary';
  const data = summaryData({
    thresholds: options.thresholds ?? {},
    summaryTrendStats: options.summaryTrendStats ?? [],
    durationMs: Date.now() - started,
    setupData,
  });
  result.summaryData = data;
  if (mod.handleSummary) {
    const outputs = (await mod.handleSummary(data)) as Record<string, string | ArrayBuffer> | undefined;
    for (const [key, value] of Object.entries(outputs ?? {})) {
      result.summaryOutputs[key] = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
    }
  }
}

try {
  await run();
} catch (error) {
  result.runError = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
}
result.samples = shim.samples;
result.wallMs = Date.now() - started;
writeFileSync(config.resultFile, JSON.stringify(result));
await stopHttpWorker();
