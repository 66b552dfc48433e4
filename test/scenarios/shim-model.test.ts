// The shim's model of the k6 behaviour the scenarios' safety and verdicts depend on, each rule from
// k6's source (v2.2.0, /work/k6-notes.md; cited in shim/k6-options.ts, thresholds.ts, exit-code.ts,
// run-scenario.ts), exercised through a probe script (fixtures/model-probe.ts):
//   - `k6 archive` then `k6 run archive.tar`: options computed with the archive-time env and kept;
//     init code re-run with the run-time env; K6_* and CLI options layered above the archive's;
//   - exec.test.options: the derived options in force, shortcuts removed, durations as Go strings;
//     not available in the init context;
//   - thresholds without samples: Rate passes, empty Trend reads 0, `count>0` on an empty Counter
//     fails; skipped while running, so abortOnFail cannot fire on them;
//   - exit codes and their precedence: 99, 104, 107, 108, 110; the first abort wins; handleSummary
//     throwing changes nothing.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { repoRoot, runInShim, type ShimRun } from './run-in-shim.ts';
import { samplesOf, sum } from './samples.ts';

const probe = join(repoRoot, 'test', 'scenarios', 'fixtures', 'model-probe.ts');
const run = (mode: string, extra: Partial<ShimRun> = {}) => runInShim(probe, { iterations: { main: 3 }, ...extra, env: { MODE: mode, ...extra.env } }, 45_000);
// Each run is a child process (an archive run two), several per test, on a machine that may be busy.
vi.setConfig({ testTimeout: 120_000 });
const hits = (r: Awaited<ReturnType<typeof run>>) => sum(samplesOf(r.samples, 'probe_hits'));

describe.concurrent('archives and the options in force', () => {
  it('keeps the archived options while the init code sees the run-time env', async () => {
    const r = await run('plain', { archive: { env: { MODE: 'plain', RATE: '3' } }, env: { RATE: '7' } });
    expect(r.exitCode).toBe(0);
    // What k6 archive stored, and what is in force: the archive-time RATE.
    expect(r.archivedOptions).toMatchObject({ scenarios: { main: { rate: 3, duration: '1m0s', timeUnit: '1s' } } });
    expect(r.optionsInForce).toMatchObject({ scenarios: { main: { executor: 'constant-arrival-rate', rate: 3, duration: '1m0s', maxVUs: null } } });
    // The init code ran again with the run-time env: its export says 7, setup's __ENV says 7.
    expect(r.options).toMatchObject({ scenarios: { main: { rate: 7 } } });
    expect(r.setupData).toMatchObject({ envRate: '7', inForce: { scenarios: { main: { rate: 3 } } } });
  });

  it('merges the archived env under the run-time env, key by key', async () => {
    const r = await run('plain', { archive: { env: { MODE: 'plain', RATE: '3' } }, env: {} });
    expect(r.setupData).toMatchObject({ envRate: '3' });
  });

  it('layers K6_* environment and CLI flags above the archive (a shortcut replaces the scenarios)', async () => {
    const [byEnv, byCli] = await Promise.all([
      run('plain', { archive: { env: { MODE: 'plain', RATE: '3' } }, env: { K6_ITERATIONS: '2' }, iterations: { default: 2 } }),
      run('plain', { cli: { vus: 4 }, iterations: { default: 1 } }),
    ]);
    expect(byEnv.optionsInForce).toMatchObject({ scenarios: { default: { executor: 'shared-iterations', iterations: 2, vus: null } } });
    expect(Object.keys((byEnv.optionsInForce as { scenarios: object }).scenarios)).toEqual(['default']);
    // `vus` alone, checked before scenarios (execution_config_shortcuts.go): shared-iterations vus=iterations.
    expect(byCli.optionsInForce).toMatchObject({ scenarios: { default: { executor: 'shared-iterations', vus: 4, iterations: 4 } } });
    // Shortcuts are deleted from exec.test.options.
    for (const key of ['vus', 'iterations', 'duration', 'stages']) expect(byCli.optionsInForce).not.toHaveProperty(key);
  });

  it('exec.test.options throws in the init context', async () => {
    const r = await run('plain');
    expect(r.setupData).toMatchObject({ initOptionsError: 'getting test options in the init context is not supported' });
  });
});

describe.concurrent('thresholds without samples', () => {
  it('a Rate passes whatever its operator, an empty Trend reads 0, count<10 on an empty Counter passes', async () => {
    const r = await run('empty');
    expect(r.thresholdVerdicts).toEqual([
      { key: 'never_rate', expression: 'rate>0.5', ok: true },
      { key: 'never_trend', expression: 'p(95)<500', ok: true },
      { key: 'never_counter', expression: 'count<10', ok: true },
    ]);
    expect(r.exitCode).toBe(0);
  });

  it('count>0 on an empty Counter fails, and so does avg>10 on an empty Trend', async () => {
    const [counter, trend] = await Promise.all([run('empty-counter'), run('empty-trend-avg')]);
    expect(counter.thresholdVerdicts).toEqual([{ key: 'never_counter', expression: 'count>0', ok: false }]);
    expect(counter.exitCode).toBe(99);
    expect(trend.exitCode).toBe(99);
  });

  it('abortOnFail cannot fire on a metric without samples: the run goes to its end', async () => {
    const r = await run('abort-on-empty');
    expect(r.aborted).toBeUndefined();
    expect(hits(r)).toBe(3);
    expect(r.exitCode).toBe(99);
  });
});

describe.concurrent('aborts and exit codes', () => {
  it('abortOnFail stops the run at once (teardown and handleSummary still run): 99', async () => {
    const r = await run('abort-on-fail');
    expect(r).toMatchObject({ abortedBy: 'threshold', exitCode: 99 });
    expect(hits(r)).toBe(1);
    expect(r.phases).toEqual(['init', 'setup', 'vu', 'teardown', 'summary']);
  });

  it('abortOnFail waits for delayAbortEval', async () => {
    const r = await run('abort-delayed', { elapsedMs: { main: [0, 5_000, 120_000] }, iterations: { main: 4 } });
    expect(r).toMatchObject({ abortedBy: 'threshold', exitCode: 99 });
    expect(hits(r)).toBe(3);
  });

  it('exec.test.abort() in setup: 108, no iteration, no teardown, handleSummary runs', async () => {
    const r = await run('abort-setup');
    expect(r).toMatchObject({ aborted: 'test aborted: refused in setup', abortedBy: 'test.abort', exitCode: 108 });
    expect(r.phases).toEqual(['init', 'setup', 'summary']);
    expect(hits(r)).toBe(0);
    expect(r.summaryOutputs.stdout).toBe('summary ran');
  });

  it('an exception in setup: 107, no iteration, no teardown', async () => {
    const r = await run('throw-setup');
    expect(r).toMatchObject({ setupError: 'setup failed on purpose', exitCode: 107 });
    expect(r.phases).toEqual(['init', 'setup', 'summary']);
  });

  it('exec.test.abort() in an iteration: 108, teardown runs', async () => {
    const r = await run('abort-in-vu');
    expect(r).toMatchObject({ aborted: 'test aborted: stop now', exitCode: 108 });
    expect(r.phases).toContain('teardown');
  });

  it('the first abort wins, and any abort beats thresholds crossed at the end', async () => {
    const [abortFirst, thresholdFirst, crossed] = await Promise.all([run('abort-then-threshold'), run('threshold-then-abort'), run('abort-and-crossed')]);
    expect(abortFirst).toMatchObject({ abortedBy: 'test.abort', exitCode: 108 });
    expect(thresholdFirst).toMatchObject({ abortedBy: 'threshold', exitCode: 99 });
    expect(crossed.thresholdVerdicts).toContainEqual({ key: 'never_counter', expression: 'count>0', ok: false });
    expect(crossed.exitCode).toBe(108);
  });

  it('exec.test.fail(): 110 even with thresholds crossed', async () => {
    const r = await run('fail');
    expect(r.thresholdVerdicts).toContainEqual({ key: 'never_counter', expression: 'count>0', ok: false });
    expect(r.exitCode).toBe(110);
  });

  it('handleSummary throwing changes nothing; teardown throwing is 107; init throwing is 107 without a summary', async () => {
    const [summary, teardown, init] = await Promise.all([run('throw-summary'), run('throw-teardown'), run('init-throws')]);
    expect(summary).toMatchObject({ summaryError: 'summary failed on purpose', exitCode: 0 });
    expect(teardown).toMatchObject({ teardownError: 'teardown failed on purpose', exitCode: 107 });
    expect(init).toMatchObject({ initError: 'init failed on purpose', exitCode: 107, phases: ['init'] });
  });

  it('options k6 refuses: 104 before setup, without a summary', async () => {
    const results = await Promise.all(['bad-shared', 'short-duration', 'unknown-metric', 'bad-aggregation'].map((m) => run(m)));
    for (const r of results) expect(r).toMatchObject({ exitCode: 104, phases: ['init'] });
    const [shared, short, unknown, aggregation] = results.map((r) => r.configError);
    expect(shared).toMatch(/the number of iterations \(2\) can't be less than the number of VUs \(3\)/);
    expect(short).toMatch(/the duration must be at least 1s, but is 500ms/);
    expect(unknown).toMatch(/no metric name "nope" found/);
    expect(aggregation).toMatch(/count aggregation method is not supported on a rate metric/);
  });
});
