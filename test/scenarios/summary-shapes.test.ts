// Every scenario's handleSummary under both summary shapes k6 2.x can pass it: the legacy one (the
// default) and the machine-readable one (K6_NEW_MACHINE_READABLE_SUMMARY=true, k6 ≥ 1.5: no
// thresholds, no setup_data, snake_case, rates as {matches, rate, total}, trends without p(99)).
// The shim builds each as k6 does (shim/summary-data.ts); each run must write a complete JSON report
// and well-formed JUnit, list every threshold the scenario declared with a verdict or the reason it
// has none, and, where it re-evaluates a threshold itself, agree with an independent evaluation
// of the same samples (the shim's thresholds.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusCommand } from '../../harness/cli/commands/corpus.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { elements, parseXml } from '../conformance/xml-well-formed.ts';
import { runInShim, type ShimRun } from './run-in-shim.ts';
import type { ShimRunResult } from './shim/run-types.ts';
import { evaluate, parseSelector, selects } from './shim/thresholds.ts';

let emulator: RunningEmulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, quotas: { preset: 'unlimited' } });
  dir = mkdtempSync(join(tmpdir(), 'summary-shapes-'));
  const io = { stdout: () => undefined, stderr: () => undefined, stdin: async () => Buffer.alloc(0), interactive: false };
  expect(await corpusCommand.run(['--seed', '3', '--count', '4', '--out', join(dir, 'corpus.json')], io)).toBe(0);
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Case {
  readonly file: string;
  /** The name handleSummary gives its reports. */
  readonly report: string;
  readonly run: () => ShimRun;
}

const env = (extra: Record<string, string> = {}) => ({ TARGET_URL: emulator.url, TEST_ID: 'shapes', SUMMARY_DIR: 'reports', ...extra });

const cases: readonly Case[] = [
  { file: 'smoke', report: 'smoke', run: () => ({ env: env(), iterations: { smoke: 2 } }) },
  { file: 'load', report: 'load', run: () => ({ env: env(), iterations: { load: 2 } }) },
  { file: 'soak', report: 'soak', run: () => ({ env: env(), iterations: { soak: 2 } }) },
  { file: 'spike', report: 'spike', run: () => ({ env: env(), iterations: { spike: 2 } }) },
  { file: 'idempotency', report: 'idempotency', run: () => ({ env: env(), iterations: { idempotency_replays: 1, idempotency_duplicates: 1 } }) },
  { file: 'negative-mix', report: 'negative-mix', run: () => ({ env: env({ CORPUS: join(dir, 'corpus.json') }), iterations: { negative_mix: 4 } }) },
  { file: 'capacity', report: 'capacity', run: () => ({ env: env({ STEPS: '3,6', STEP_DURATION: '20s' }), iterations: { capacity: 3 } }) },
];

const shapes = { legacy: {}, 'machine-readable': { K6_NEW_MACHINE_READABLE_SUMMARY: 'true' } } as const;

type Declared = Record<string, (string | { threshold: string })[]>;
interface JsonThreshold {
  metric: string;
  expression: string;
  status: 'ok' | 'crossed' | 'unavailable';
  source: 'k6' | 'recomputed' | 'none';
  ok: boolean | null;
  note?: string;
}
interface JsonReport {
  schema: string;
  scenario: string;
  summaryShape: string;
  passed: boolean | null;
  thresholds: JsonThreshold[];
  checks: { name: string; passes: number; fails: number }[];
  metrics: Record<string, { type: string; values: Record<string, number> }>;
  notes: string[];
  capacityVerdict?: { verdict: string; plan: { source: string } };
}

function declaredOf(result: ShimRunResult): [string, string][] {
  const thresholds = (result.options as { thresholds: Declared }).thresholds;
  return Object.entries(thresholds).flatMap(([metric, list]) => list.map((t): [string, string] => [metric, typeof t === 'string' ? t : t.threshold]));
}

/** A metric's type, as the summary data k6 built says (the checks Rate is not in the machine-readable list). */
function typeOf(data: unknown, metric: string): 'counter' | 'gauge' | 'rate' | 'trend' {
  if (metric === 'checks') return 'rate';
  const legacy = (data as { metrics?: Record<string, { type: string }> }).metrics;
  const list = (data as { results?: { metrics: { name: string; type: string }[] } }).results?.metrics;
  const type = legacy !== undefined && !Array.isArray(legacy) ? legacy[metric]?.type : list?.find((m) => m.name === metric)?.type;
  if (type === undefined) throw new Error(`the summary data has no ${metric}`);
  return type as ReturnType<typeof typeOf>;
}

/** The shim's own verdict over the recorded samples: what k6 would decide. */
function independentVerdict(result: ShimRunResult, metric: string, expression: string, durationS: number): boolean {
  const selector = parseSelector(metric);
  return evaluate(expression, typeOf(result.summaryData, metric), result.samples.filter((s) => selects(selector, s)).map((s) => s.value), durationS);
}

function expectShape(data: unknown, shape: keyof typeof shapes): void {
  const text = JSON.stringify(data);
  if (shape === 'legacy') {
    expect(data).toMatchObject({ metrics: expect.any(Object), root_group: expect.any(Object), state: expect.any(Object) });
    expect(text).toContain('"thresholds"');
    return;
  }
  const mr = data as { version: string; results: { metrics: { name: string; type: string; values: Record<string, unknown> }[] } };
  expect(mr).toMatchObject({ version: '1.0.0', config: { execution: 'local' }, metadata: { k6_version: expect.any(String) } });
  expect(Object.keys(mr).sort()).toEqual(['config', 'metadata', 'results', 'version']);
  expect(text).not.toContain('"thresholds"');
  expect(text).not.toContain('setup_data');
  for (const m of mr.results.metrics) {
    if (m.type === 'trend') expect(Object.keys(m.values).sort()).toEqual(['avg', 'max', 'med', 'min', 'p90', 'p95']);
    if (m.type === 'rate') expect(Object.keys(m.values).sort()).toEqual(['matches', 'rate', 'total']);
    if (m.type === 'counter') expect(Object.keys(m.values)).toEqual(['count']);
  }
  expect(mr.results.metrics.map((m) => m.name)).not.toContain('checks');
}

describe.concurrent.each(Object.keys(shapes) as (keyof typeof shapes)[])('the %s summary shape', (shape) => {
  it.each(cases)('$file: handleSummary writes complete JSON and well-formed JUnit with every declared threshold', async ({ file, report, run }) => {
    const spec = run();
    const result = await runInShim(file, { ...spec, env: { ...spec.env, ...shapes[shape] } });
    expect(result.initError).toBeUndefined();
    expect(result.iterationErrors).toEqual([]);
    expectShape(result.summaryData, shape);

    expect(Object.keys(result.summaryOutputs).sort()).toEqual([`reports/${report}-junit.xml`, `reports/${report}-summary.json`, 'stdout']);
    const json = JSON.parse(result.summaryOutputs[`reports/${report}-summary.json`]!) as JsonReport;
    expect(json).toMatchObject({ schema: 'connect-harness/k6-summary@2', scenario: report, summaryShape: shape });
    expect(json).not.toHaveProperty('error');

    // Every declared threshold, once, with a verdict or the reason there is none.
    const declared = declaredOf(result);
    expect(json.thresholds.map((t) => [t.metric, t.expression]).sort()).toEqual([...declared].sort());
    const durationS = shape === 'legacy' ? (result.summaryData as { state: { testRunDurationMs: number } }).state.testRunDurationMs / 1000 : (result.summaryData as { config: { duration: number } }).config.duration;
    for (const t of json.thresholds) {
      if (shape === 'legacy') expect(t.source).toBe('k6');
      if (t.status === 'unavailable') {
        // Only what the machine-readable shape does not carry.
        expect(shape).toBe('machine-readable');
        expect(t.expression).toMatch(/^p\(99\)/);
        expect(t.note).toMatch(/not in the machine-readable summary/);
        expect(t.ok).toBeNull();
        continue;
      }
      expect(t.ok).toBe(t.status === 'ok');
      expect(t.ok, `${t.metric} ${t.expression}`).toBe(independentVerdict(result, t.metric, t.expression, durationS));
    }
    const unavailable = json.thresholds.filter((t) => t.status === 'unavailable').length;
    expect(json.passed).toBe(json.thresholds.some((t) => t.status === 'crossed') ? false : unavailable > 0 ? null : true);
    if (shape === 'machine-readable') expect(json.notes.join(' ')).toMatch(/re-evaluated/);

    // Metrics in one form whatever the shape: legacy keys.
    for (const m of Object.values(json.metrics)) {
      if (m.type === 'rate') expect(Object.keys(m.values).sort()).toEqual(['fails', 'passes', 'rate']);
      if (m.type === 'trend') expect(m.values).toHaveProperty('p(95)');
    }
    expect(json.checks.length).toBeGreaterThan(0);

    const junit = result.summaryOutputs[`reports/${report}-junit.xml`]!;
    const root = parseXml(junit);
    expect(root.name).toBe('testsuites');
    const testcases = elements(root).filter((e) => e.name === 'testcase');
    const capacityCases = json.capacityVerdict ? 1 + (json.capacityVerdict as unknown as { steps: unknown[] }).steps.length : 0;
    expect(testcases).toHaveLength(json.thresholds.length + json.checks.length + capacityCases);
    expect(Number(root.attributes.tests)).toBe(testcases.length);
    expect(Number(root.attributes.failures)).toBe(testcases.filter((c) => c.children.some((x) => x.name === 'failure')).length);
    for (const t of json.thresholds.filter((x) => x.status === 'unavailable')) {
      const tc = testcases.find((c) => c.attributes.name === `${t.metric}: ${t.expression}`)!;
      expect(tc.children.map((c) => c.name)).toEqual(['skipped']);
    }

    expect(result.summaryOutputs.stdout).toContain(`${shape} summary`);
    if (json.capacityVerdict) expect(json.capacityVerdict.plan.source).toEqual(shape === 'legacy' ? expect.stringMatching(/^(setup_data|options)$/) : 'options');
  });
});
