// Every k6 scenario, run for a few iterations under the k6 shim against the real emulator with SigV4
// checking on: requests are accepted as signed (the emulator verifies with the same harness/sigv4
// the scenarios sign with), checks pass, metrics carry the expected bounded tags and never an id or
// a token, handleSummary writes its reports, every threshold but latency holds (latency depends on
// how busy the machine is), and the scenarios that judge a target do flag a broken one (a wrong
// corpus expectation, an emulator that starts a new contact on replay): exit code 99.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { k6Metrics } from '../../harness/contract/metric-names.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { runInShim } from './run-in-shim.ts';
import { withDefects } from '../support/defects.ts';
import { expectGreenButForLatency, samplesOf, suspiciousTags, sum, tagValues } from './samples.ts';
import type { ShimRunResult } from './shim/run-types.ts';

let emulator: RunningEmulator;
let replayDefect: RunningEmulator;

beforeAll(async () => {
  [emulator, replayDefect] = await Promise.all([
    startEmulator({ port: 0, quotas: { preset: 'unlimited' } }),
    startEmulator({ port: 0, quotas: { preset: 'unlimited' }, ...withDefects(['new-contact-on-replay']) }),
  ]);
});
afterAll(async () => {
  await Promise.all([emulator?.close(), replayDefect?.close()]);
});

const env = (target: RunningEmulator, extra: Record<string, string> = {}) => ({ TARGET_URL: target.url, TEST_ID: 'shim', SUMMARY_DIR: 'reports', ...extra });

/** The assertions every healthy run must pass. */
function expectHealthyRun(result: ShimRunResult, scenarios: string | readonly string[], starts: number): void {
  expect(result.initError).toBeUndefined();
  expect(result.iterationErrors).toEqual([]);
  const startRequests = samplesOf(result.samples, 'http_reqs', { name: 'StartWebRTCContact' });
  expect(startRequests).toHaveLength(starts);
  // Accepted as signed: a signature the emulator refused would be a 403.
  expect(tagValues(result.samples, 'http_reqs', 'status')).toEqual(['200']);
  expect(samplesOf(result.samples, 'checks').every((s) => s.value === 1)).toBe(true);
  expect(samplesOf(result.samples, 'checks').length).toBeGreaterThan(0);
  const durations = samplesOf(result.samples, k6Metrics.startDuration);
  expect(durations).toHaveLength(starts);
  for (const s of durations) expect(s.tags).toMatchObject({ outcome: 'accepted', error: 'none', testid: 'shim' });
  expect(tagValues(result.samples, k6Metrics.startDuration, 'scenario')).toEqual([scenarios].flat().sort());
  expect(sum(samplesOf(result.samples, k6Metrics.startFailed))).toBe(0);
  expect(sum(samplesOf(result.samples, k6Metrics.throttled))).toBe(0);
  expect(suspiciousTags(result.samples)).toEqual([]);
  expectGreenButForLatency(result);
}

function summaryJson(result: ShimRunResult, name: string): { passed: boolean; thresholds: { metric: string; expression: string; ok: boolean }[]; [key: string]: unknown } {
  const text = result.summaryOutputs[`reports/${name}-summary.json`];
  expect(text, `handleSummary wrote reports/${name}-summary.json`).toBeDefined();
  return JSON.parse(text!) as ReturnType<typeof summaryJson>;
}

/** handleSummary wrote its reports (their content: summary-shapes.test.ts). */
function expectReports(result: ShimRunResult, name: string): void {
  expect(Object.keys(result.summaryOutputs)).toEqual(expect.arrayContaining([`reports/${name}-summary.json`, `reports/${name}-junit.xml`, 'stdout']));
  expect(result.summaryOutputs[`reports/${name}-junit.xml`]).toMatch(/^<\?xml/);
}

describe.concurrent('throughput scenarios against the emulator', () => {
  it('smoke starts, checks and stops contacts, and writes JSON and JUnit summaries', async () => {
    const result = await runInShim('smoke', { env: env(emulator), iterations: { smoke: 3 } });
    expectHealthyRun(result, 'smoke', 3);
    expect(tagValues(result.samples, 'http_reqs', 'name')).toEqual(['StartWebRTCContact', 'StopContact']);
    expect(sum(samplesOf(result.samples, k6Metrics.contactsStarted))).toBe(3);
    // setup() handed the VUs in force to the iterations (pacing divides the cap among them).
    expect(result.setupData).toEqual({ vus: 1 });
    expectReports(result, 'smoke');
  });

  for (const scenario of ['load', 'soak'] as const) {
    it(`${scenario} runs its iterations with the scenario's tags`, async () => {
      const result = await runInShim(scenario, { env: env(emulator), iterations: { [scenario]: 3 } });
      expectHealthyRun(result, scenario, 3);
      expect(result.thresholdVerdicts).toContainEqual({ key: k6Metrics.contactsStarted, expression: 'count>0', ok: true });
      // 1 % of 20/s × 5 min (load) or 10/s × 2 h (soak) may be dropped.
      expect(result.thresholdVerdicts).toContainEqual({ key: 'dropped_iterations', expression: scenario === 'load' ? 'count<=60' : 'count<=720', ok: true });
      expectReports(result, scenario);
    });
  }

  it('spike tags each start with its phase, read from the stages in force', async () => {
    // Baseline 1m, rise 10s, hold 1m, fall 10s, recovery 2m: the burst runs from 60 s to 140 s.
    const result = await runInShim('spike', { env: env(emulator), iterations: { spike: 3 }, elapsedMs: { spike: [0, 70_000, 150_000] } });
    expectHealthyRun(result, 'spike', 3);
    expect(result.setupData).toEqual({ spike: { burstStartS: 60, burstEndS: 140 } });
    expect(samplesOf(result.samples, k6Metrics.startDuration).map((s) => s.tags.phase)).toEqual(['baseline', 'burst', 'recovery']);
    for (const key of [k6Metrics.contactsStarted, `${k6Metrics.contactsStarted}{phase:burst}`, `${k6Metrics.contactsStarted}{phase:recovery}`]) {
      expect(result.thresholdVerdicts).toContainEqual({ key, expression: 'count>0', ok: true });
    }
    expect(result.thresholdVerdicts).toContainEqual({ key: `${k6Metrics.throttled}{phase:burst}`, expression: 'rate<0.9', ok: true });
    expectReports(result, 'spike');
  });

  it('load caps its arrival rate with MAX_RATE', async () => {
    const result = await runInShim('load', { env: env(emulator, { RATE: '50', MAX_RATE: '7' }), iterations: { load: 1 } });
    expect(result.options).toMatchObject({ scenarios: { load: { executor: 'constant-arrival-rate', rate: 7, timeUnit: '1s' } } });
  });
});

describe('capacity', () => {
  let throttling: RunningEmulator;
  beforeAll(async () => {
    // Throttling is the point here: three starts fit the burst, the rest of a quick step do not.
    throttling = await startEmulator({ port: 0, quotas: { preset: 'unlimited', rateLimit: 1, burst: 3 } });
  });
  afterAll(() => throttling?.close());

  it('tags starts with their step and names the highest step that held', async () => {
    // STEP_DURATION 20s plus the 10 s ramp: the second step starts 30 s into the scenario.
    const elapsed = [0, 0, 0, 30_001, 30_002, 30_003, 30_004];
    const result = await runInShim('capacity', { env: env(throttling, { STEPS: '3,6,12', STEP_DURATION: '20s' }), iterations: { capacity: elapsed.length }, elapsedMs: { capacity: elapsed } });
    expect(result.initError).toBeUndefined();
    expect(tagValues(result.samples, k6Metrics.startDuration, 'step')).toEqual(['1', '2']);
    expect(samplesOf(result.samples, k6Metrics.throttled, { step: '1' }).map((s) => s.value)).toEqual([0, 0, 0]);
    expect(sum(samplesOf(result.samples, k6Metrics.throttled, { step: '2' }))).toBeGreaterThan(0);
    const report = summaryJson(result, 'capacity');
    expect(report.capacityVerdict).toMatchObject({
      verdict: 'knee-found',
      highestHeldStep: 1,
      highestHeldRate: 3,
      firstFailedStep: 2,
      exitAdvice: { code: 0 },
      steps: [{ step: 1, held: true, starts: 3, status: 'held' }, { step: 2, held: false, status: 'failed' }, { step: 3, held: false, starts: 0, status: 'not-reached' }],
    });
    expect(report.thresholds).toContainEqual(expect.objectContaining({ metric: 'webrtc_throttled{step:2}', expression: 'rate<0.05', ok: false }));
    // Each step aborts on its own thresholds, after its ramp and 10 s of its hold; the whole-run rates abort nothing.
    expect(result.options).toMatchObject({ thresholds: { 'webrtc_throttled{step:1}': [{ threshold: 'rate<0.05', abortOnFail: true, delayAbortEval: '20s' }], webrtc_throttled: ['rate<0.05'] } });
    expect(suspiciousTags(result.samples)).toEqual([]);
    // The plan setup() derived from the stages in force, handed to the iterations and the summary.
    expect(result.setupData).toEqual({ plan: { stepRates: [3, 6, 12], stepSeconds: 30, rampSeconds: 10 } });
    // Step 2's thresholds crossed: k6 ends with 99, which the verdict above says is a found knee.
    expect(result).toMatchObject({ exitCode: 99 });
  });
});

describe.concurrent('idempotency', () => {
  const iterations = { idempotency_replays: 2, idempotency_duplicates: 2 };

  it('replays and concurrent duplicates of one token return one ContactId', async () => {
    const result = await runInShim('idempotency', { env: env(emulator), iterations });
    // Two iterations of 1 + 3 replays, two batches of 5.
    expectHealthyRun(result, ['idempotency_replays', 'idempotency_duplicates'], 8 + 10);
    const violations = samplesOf(result.samples, k6Metrics.idempotencyViolations);
    expect(violations.map((s) => s.value)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(sum(samplesOf(result.samples, k6Metrics.contactsStarted))).toBe(4);
    // Every replay and every batch was a comparison made.
    expect(sum(samplesOf(result.samples, 'webrtc_idempotency_probes', { scenario: 'idempotency_replays' }))).toBe(6);
    expect(sum(samplesOf(result.samples, 'webrtc_idempotency_probes', { scenario: 'idempotency_duplicates' }))).toBe(2);
    expectReports(result, 'idempotency');
  }, 30_000);

  it('flags an emulator that starts a new contact on replay', async () => {
    const result = await runInShim('idempotency', { env: env(replayDefect), iterations });
    expect(result.iterationErrors).toEqual([]);
    expect(sum(samplesOf(result.samples, k6Metrics.idempotencyViolations, { scenario: 'idempotency_replays' }))).toBe(6);
    expect(sum(samplesOf(result.samples, k6Metrics.idempotencyViolations, { scenario: 'idempotency_duplicates' }))).toBeGreaterThan(0);
    const report = summaryJson(result, 'idempotency');
    expect(report.passed).toBe(false);
    expect(report.thresholds).toContainEqual(expect.objectContaining({ metric: k6Metrics.idempotencyViolations, expression: 'rate==0', ok: false }));
    expect(result.summaryOutputs['reports/idempotency-junit.xml']).toMatch(/<failure message="threshold crossed \(value [0-9.]+\)"\/>/);
    expect(result.exitCode).toBe(99);
  }, 30_000);
});
