// The real-AWS rails hold whatever the launch path. `k6 archive` keeps the options computed when it
// ran and `k6 run archive.tar` keeps them (the init code re-runs with the run-time env, but its
// options are ignored), so a capacity archive built for the emulator with STEPS up to 800 would
// send 800/s to the real service. setup() compares the options in force with the account's quota
// (2 starts/s and 5 VUs unless AWS_QUOTA_RPS / AWS_QUOTA_BURST declare more) and aborts, with one
// line, before any request. REAL_AWS=1 aimed at 127.0.0.1 plays the real service here.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { k6Metrics } from '../../harness/contract/metric-names.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { startFakeTarget, totalReceived, type FakeTarget } from './fake-targets.ts';
import { runInShim } from './run-in-shim.ts';
import { samplesOf, sum } from './samples.ts';
import type { ShimRunResult } from './shim/run-types.ts';

vi.setConfig({ testTimeout: 120_000 });

let emulator: RunningEmulator;
let counting: FakeTarget;

beforeAll(async () => {
  [emulator, counting] = await Promise.all([startEmulator({ port: 0, quotas: { preset: 'unlimited' } }), startFakeTarget('accept-all')]);
});
afterAll(async () => {
  await Promise.all([emulator?.close(), counting?.close()]);
});

const keys = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
/** What the operator gives the runner at run time for the real service (here: a counting target). */
const realAwsAt = (url: string, extra: Record<string, string> = {}) => ({
  TARGET_URL: url,
  REAL_AWS: '1',
  INSTANCE_ID: [...emulator.options.instanceIds][0]!,
  CONTACT_FLOW_ID: [...emulator.options.contactFlowIds][0]!,
  ...keys,
  ...extra,
});
const archiveEnv = { STEPS: '50,100,200,400,800', STEP_DURATION: '2m', TEST_ID: 'capacity-archive' };

/** Refused in setup with one line, nothing sent. */
function expectRefusedBeforeAnyRequest(result: ShimRunResult, line: RegExp): void {
  expect(result.initError).toBeUndefined();
  expect(result.configError).toBeUndefined();
  expect(result.abortedBy).toBe('test.abort');
  expect(result.exitCode).toBe(108);
  expect(result.aborted).toMatch(/^test aborted: real-AWS run refused before any request: /);
  expect(result.aborted).toMatch(line);
  expect(result.aborted).not.toContain('\n');
  expect(result.phases).toEqual(['init', 'setup', 'summary']);
  expect(samplesOf(result.samples, 'http_reqs')).toEqual([]);
}

describe.concurrent('real-AWS rails against the options in force', () => {
  it('an archived capacity run with STEPS up to 800 aborts in setup with one line and sends no request', async () => {
    const before = totalReceived(counting);
    const result = await runInShim('capacity', { archive: { env: archiveEnv }, env: realAwsAt(counting.url), iterations: { capacity: 3 } });
    // The archive kept its 800/s although this run's init code (REAL_AWS=1) would cap it.
    expect(result.optionsInForce).toMatchObject({ scenarios: { capacity: { stages: expect.arrayContaining([{ duration: '2m0s', target: 800 }]) } } });
    expectRefusedBeforeAnyRequest(result, /options\.scenarios\.capacity\.stages\[8\]\.target asks for 800 StartWebRTCContact requests\/s .*above the account's 2\/s .*AWS_QUOTA_RPS/);
    expect(totalReceived(counting)).toBe(before);
  });

  it('the same with a plain run', async () => {
    const before = totalReceived(counting);
    const result = await runInShim('capacity', { env: realAwsAt(counting.url, archiveEnv), iterations: { capacity: 3 } });
    expectRefusedBeforeAnyRequest(result, /options\.scenarios\.capacity\.stages\[8\]\.target asks for 800 StartWebRTCContact requests\/s/);
    expect(totalReceived(counting)).toBe(before);
  });

  it('an archive built for the emulator (load at 20/s, 100 VUs) is refused against real AWS', async () => {
    const result = await runInShim('load', { archive: { env: { TEST_ID: 'emulator-archive' } }, env: realAwsAt(counting.url), iterations: { load: 2 } });
    expectRefusedBeforeAnyRequest(result, /options\.scenarios\.load\.rate asks for 20 StartWebRTCContact requests\/s/);
  });

  it('counts the requests of an iteration, and the VUs against the burst', async () => {
    // RATE=1 idempotency iteration/s is 1 + 3 replays = 4 requests/s.
    const replays = await runInShim('idempotency', { env: realAwsAt(counting.url, { RATE: '1' }), iterations: { idempotency_replays: 1, idempotency_duplicates: 1 } });
    expectRefusedBeforeAnyRequest(replays, /options\.scenarios\.idempotency_replays\.rate asks for 4 StartWebRTCContact requests\/s \(1 iterations per 1s × 4 requests per iteration\)/);
    const vus = await runInShim('load', { env: realAwsAt(counting.url, { VUS: '10' }), iterations: { load: 1 } });
    expectRefusedBeforeAnyRequest(vus, /options\.scenarios\.load\.maxVUs allows 10 VUs, above the account's burst of 5 .*AWS_QUOTA_BURST/);
  });

  it('with AWS_QUOTA_RPS=10 declared, a run at 10/s or less proceeds (and without it, the same run is refused)', async () => {
    const steps = { STEPS: '5,10', STEP_DURATION: '1m' };
    const [declared, undeclared] = await Promise.all([
      runInShim('capacity', { env: realAwsAt(emulator.url, { ...steps, AWS_QUOTA_RPS: '10' }), iterations: { capacity: 2 } }),
      runInShim('capacity', { env: realAwsAt(emulator.url, steps), iterations: { capacity: 2 } }),
    ]);
    expect(declared.aborted).toBeUndefined();
    expect(declared.phases).toEqual(['init', 'setup', 'vu', 'teardown', 'summary']);
    expect(declared.optionsInForce).toMatchObject({ scenarios: { capacity: { maxVUs: 5, stages: expect.arrayContaining([{ duration: '1m0s', target: 10 }]) } } });
    expect(samplesOf(declared.samples, 'http_reqs', { name: 'StartWebRTCContact', status: '200' })).toHaveLength(2);
    // Cleanup is on against anything but the emulator: every contact started was stopped.
    expect(samplesOf(declared.samples, 'http_reqs', { name: 'StopContact', status: '200' })).toHaveLength(2);
    expect(sum(samplesOf(declared.samples, k6Metrics.contactsStarted))).toBe(2);
    expectRefusedBeforeAnyRequest(undeclared, /stages\[2\]\.target asks for 10 StartWebRTCContact requests\/s .*above the account's 2\/s/);
  });

  it('an archive built within a declared quota runs against real AWS', async () => {
    const result = await runInShim('capacity', {
      archive: { env: { STEPS: '5,10', STEP_DURATION: '1m', VUS: '5' } },
      env: realAwsAt(emulator.url, { AWS_QUOTA_RPS: '10' }),
      iterations: { capacity: 2 },
      elapsedMs: { capacity: [0, 70_001] },
    });
    expect(result.aborted).toBeUndefined();
    expect(result.setupData).toEqual({ plan: { stepRates: [5, 10], stepSeconds: 70, rampSeconds: 10 } });
    // Step tags come from the plan in force.
    expect(samplesOf(result.samples, k6Metrics.startDuration).map((s) => s.tags.step)).toEqual(['1', '2']);
  });
});
