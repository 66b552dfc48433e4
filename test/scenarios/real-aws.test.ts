// The real-AWS safeguards, exercised without touching AWS: a scenario aimed at amazonaws.com refuses
// to start (init throws, nothing is sent) unless REAL_AWS=1; REAL_AWS=1 against the emulator shows
// what such a run does: the rate capped to the documented 2/s, every started contact stopped within
// its iteration, and each ContactId kept as sample metadata for the cleanup ledger, never as a tag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { k6Metrics } from '../../harness/contract/metric-names.ts';
import { quotas } from '../../harness/contract/limits.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { contactIdMetadataKey } from '../../scenarios/lib/ledger-key.ts';
import { runInShim } from './run-in-shim.ts';
import { samplesOf, suspiciousTags, sum, tagValues } from './samples.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, quotas: { preset: 'unlimited' } });
});
afterAll(() => emulator?.close());

const realAwsEnv = () => ({
  TARGET_URL: emulator.url,
  REAL_AWS: '1',
  INSTANCE_ID: [...emulator.options.instanceIds][0]!,
  CONTACT_FLOW_ID: [...emulator.options.contactFlowIds][0]!,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
});

describe.concurrent('real AWS safeguards', () => {
  it('refuses an amazonaws.com target without REAL_AWS=1, before sending anything', async () => {
    const result = await runInShim('load', { env: { TARGET_URL: 'https://connect.us-east-1.amazonaws.com' } });
    expect(result.initError).toMatch(/REAL_AWS=1/);
    expect(result.samples).toEqual([]);
  });

  it('refuses REAL_AWS set to anything but 1, and a rate above the documented quota', async () => {
    expect((await runInShim('smoke', { env: { ...realAwsEnv(), REAL_AWS: 'yes' } })).initError).toMatch(/REAL_AWS=1/);
    // Checked in setup against the options in force, whatever built them (rails.test.ts).
    const rate = await runInShim('load', { env: { ...realAwsEnv(), RATE: '5' } });
    expect(rate).toMatchObject({ exitCode: 108, abortedBy: 'test.abort' });
    expect(rate.aborted).toMatch(/options\.scenarios\.load\.rate asks for 5 StartWebRTCContact requests\/s/);
    expect(rate.samples.filter((s) => s.metric === 'http_reqs')).toEqual([]);
  });

  it('needs explicit instance, flow and credentials against real AWS', async () => {
    const { INSTANCE_ID: _omitted, ...env } = realAwsEnv();
    expect((await runInShim('smoke', { env })).initError).toMatch(/INSTANCE_ID is required/);
  });

  it('caps the rate, stops every contact it starts and keeps the ContactIds as metadata only', async () => {
    const result = await runInShim('load', { env: realAwsEnv(), iterations: { load: 3 } });
    expect(result.initError).toBeUndefined();
    expect(result.iterationErrors).toEqual([]);
    expect(result.options).toMatchObject({ scenarios: { load: { rate: quotas.startWebRTCContact.ratePerSecond, maxVUs: 5 } } });

    const started = samplesOf(result.samples, k6Metrics.contactsStarted);
    expect(sum(started)).toBe(3);
    const ids = started.map((s) => s.metadata?.[contactIdMetadataKey]);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The metadata was attached to that one sample only.
    expect(result.samples.filter((s) => s.metadata !== undefined)).toHaveLength(3);
    expect(suspiciousTags(result.samples)).toEqual([]);

    expect(samplesOf(result.samples, 'http_reqs', { name: 'StopContact', status: '200' })).toHaveLength(3);
    expect(samplesOf(result.samples, 'checks', { check: 'started contact stopped' }).map((s) => s.value)).toEqual([1, 1, 1]);
    expect(tagValues(result.samples, 'http_reqs', 'status')).toEqual(['200']);
    const report = JSON.parse(result.summaryOutputs['reports/load-summary.json']!) as { target: { kind: string }; cleanup: unknown };
    expect(report.target.kind).toBe('aws');
    expect(report.cleanup).toMatchObject({ contactsStarted: 3, stoppedWithinIterations: { stopped: 3, failed: 0 } });
    expect(JSON.stringify(report)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
