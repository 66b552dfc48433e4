// No green without evidence: against a target that throttles every call, or refuses every
// connection, every scenario ends red (a non-zero exit code in the shim's model of k6), because
// each asks for the samples its verdict rests on (`count>0` thresholds on a Counter, which k6 fails
// when empty, where a Rate threshold with no samples passes). And idempotency is red when every
// replay was throttled: no comparison was made, so nothing was proven.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { corpusCommand } from '../../harness/cli/commands/corpus.ts';
import { k6Metrics } from '../../harness/contract/metric-names.ts';
import { refusingUrl, startFakeTarget, type FakeTarget } from './fake-targets.ts';
import { runInShim, type ShimRun } from './run-in-shim.ts';
import { samplesOf } from './samples.ts';
import type { ShimRunResult } from './shim/run-types.ts';

vi.setConfig({ testTimeout: 120_000 });

let throttling: FakeTarget;
let replaysThrottled: FakeTarget;
let refusing: string;
let dir: string;

beforeAll(async () => {
  [throttling, replaysThrottled, refusing] = await Promise.all([startFakeTarget('throttle-all'), startFakeTarget('throttle-replays'), refusingUrl()]);
  dir = mkdtempSync(join(tmpdir(), 'evidence-'));
  const io = { stdout: () => undefined, stderr: () => undefined, stdin: async () => Buffer.alloc(0), interactive: false };
  expect(await corpusCommand.run(['--seed', '5', '--count', '3', '--out', join(dir, 'corpus.json')], io)).toBe(0);
});
afterAll(async () => {
  await Promise.all([throttling?.close(), replaysThrottled?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

/** Each scenario, a few iterations, and the evidence threshold(s) that must fail when nothing succeeds. */
const cases: readonly { file: string; run: (url: string) => ShimRun; evidence: string[] }[] = [
  { file: 'smoke', run: (url) => ({ env: { TARGET_URL: url }, iterations: { smoke: 2 } }), evidence: [k6Metrics.contactsStarted] },
  { file: 'load', run: (url) => ({ env: { TARGET_URL: url }, iterations: { load: 2 } }), evidence: [k6Metrics.contactsStarted] },
  { file: 'soak', run: (url) => ({ env: { TARGET_URL: url }, iterations: { soak: 2 } }), evidence: [k6Metrics.contactsStarted] },
  { file: 'spike', run: (url) => ({ env: { TARGET_URL: url }, iterations: { spike: 2 } }), evidence: [k6Metrics.contactsStarted, `${k6Metrics.contactsStarted}{phase:burst}`] },
  { file: 'capacity', run: (url) => ({ env: { TARGET_URL: url, STEPS: '3,6', STEP_DURATION: '20s' }, iterations: { capacity: 2 } }), evidence: [k6Metrics.contactsStarted] },
  {
    file: 'idempotency',
    run: (url) => ({ env: { TARGET_URL: url }, iterations: { idempotency_replays: 1, idempotency_duplicates: 1 } }),
    evidence: ['webrtc_idempotency_probes{scenario:idempotency_replays}', 'webrtc_idempotency_probes{scenario:idempotency_duplicates}'],
  },
  { file: 'negative-mix', run: (url) => ({ env: { TARGET_URL: url, CORPUS: join(dir, 'corpus.json') }, iterations: { negative_mix: 3 } }), evidence: ['webrtc_expectations_judged'] },
];

function expectRed(result: ShimRunResult, evidence: readonly string[]): void {
  expect(result.initError).toBeUndefined();
  expect(result.configError).toBeUndefined();
  expect(result.iterationErrors).toEqual([]);
  // Something was sent and answered (or refused): the verdict is about the target, not the setup.
  expect(samplesOf(result.samples, 'http_reqs').length).toBeGreaterThan(0);
  // Thresholds crossed (at the end, or an abortOnFail one during the run): k6's exit code 99.
  expect(result.exitCode).toBe(99);
  for (const key of evidence) expect(result.thresholdVerdicts).toContainEqual({ key, expression: 'count>0', ok: false });
}

describe.concurrent('a target that throttles every call', () => {
  it.each(cases)('$file ends red', async ({ file, run, evidence }) => {
    const result = await runInShim(file, run(throttling.url), 60_000);
    expect(samplesOf(result.samples, k6Metrics.throttled).every((s) => s.value === 1)).toBe(true);
    expectRed(result, evidence);
  });
});

describe.concurrent('a target that refuses every connection', () => {
  it.each(cases)('$file ends red', async ({ file, run, evidence }) => {
    const result = await runInShim(file, run(refusing), 60_000);
    expect(samplesOf(result.samples, 'http_reqs').every((s) => s.tags.status === '0')).toBe(true);
    expectRed(result, evidence);
  });
});

describe('idempotency', () => {
  it('is red when every replay is throttled: the first starts were accepted, no replay could be compared', async () => {
    const result = await runInShim('idempotency', { env: { TARGET_URL: replaysThrottled.url }, iterations: { idempotency_replays: 2, idempotency_duplicates: 1 } }, 60_000);
    // The first start of each token was accepted; every later request with that token was throttled.
    expect(samplesOf(result.samples, k6Metrics.startDuration, { scenario: 'idempotency_replays', outcome: 'accepted' })).toHaveLength(2);
    expect(samplesOf(result.samples, k6Metrics.startDuration, { scenario: 'idempotency_replays', outcome: 'throttled' })).toHaveLength(6);
    expect(samplesOf(result.samples, k6Metrics.idempotencyViolations)).toEqual([]);
    // Without evidence the violation rate passes (k6 passes a Rate threshold with no samples) ...
    expect(result.thresholdVerdicts).toContainEqual({ key: k6Metrics.idempotencyViolations, expression: 'rate==0', ok: true });
    // ... and the probe count is what makes the run red.
    expect(result.thresholdVerdicts).toContainEqual({ key: 'webrtc_idempotency_probes{scenario:idempotency_replays}', expression: 'count>0', ok: false });
    expect(result.exitCode).toBe(99);
  });
});
