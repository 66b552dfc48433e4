// Targets: the real service is never reached by accident, requests are paced, every contact a run
// started on a shared service is stopped, Ctrl-C stops sending but still cleans up, an unreachable
// target is a harness error rather than a finding, and a throttled call is waited out.
// Traffic goes to 127.0.0.1 only: the AWS targets built here are closed without sending anything.
import { ConnectClient, DescribeContactCommand } from '@aws-sdk/client-connect';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exitStatus, runConformance } from '../../harness/conformance/runner.ts';
import { defaultProfile } from '../../harness/contract/index.ts';
import type { RequestEvent } from '../../harness/emulator/observer.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { HarnessError } from '../../harness/targets/harness-error.ts';
import { openEndpointTarget } from '../../harness/targets/endpoint-target.ts';
import { openTarget } from '../../harness/targets/open-target.ts';
import { Pacer } from '../../harness/targets/pacer.ts';
import type { Target } from '../../harness/targets/target.ts';
import { closedPort } from '../support/closed-port.ts';

const AWS_ENDPOINT = 'https://connect.us-east-1.amazonaws.com';
const ids = { instanceId: '11111111-2222-4333-8444-555555555555', contactFlowId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' };

/** The endpoint target takes credentials from the AWS default chain: give it the emulator's, from the environment only. */
const credentialEnv = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  // Never fall through to the instance metadata service (169.254.169.254).
  AWS_EC2_METADATA_DISABLED: 'true',
};
let savedEnv: Record<string, string | undefined> = {};
beforeEach(() => {
  savedEnv = {};
  for (const [key, value] of Object.entries(credentialEnv)) {
    savedEnv[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});
afterEach(() => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

const startRequest = (target: Target, name: string) => ({ InstanceId: target.instanceId, ContactFlowId: target.contactFlowId, ParticipantDetails: { DisplayName: name } });


describe('opening the real service needs an explicit, complete and gentle opt-in', () => {
  it('an amazonaws.com endpoint without realAws is refused, naming --real-aws', async () => {
    const error = await rejectionOf(openTarget({ endpoint: AWS_ENDPOINT, ...ids }));
    expect(error).toBeInstanceOf(HarnessError);
    expect(error.message).toContain('--real-aws');
  });

  it.each(['https://connect.eu-west-2.amazonaws.com/', 'https://CONNECT.us-east-1.AMAZONAWS.com', 'https://connect.cn-north-1.amazonaws.com.cn'])('so is %s', async (endpoint) => {
    await expect(openTarget({ endpoint, ...ids })).rejects.toThrow(/--real-aws/);
  });

  it.each([
    ['no ids', {}],
    ['no flow id', { instanceId: ids.instanceId }],
    ['no instance id', { contactFlowId: ids.contactFlowId }],
  ])('real AWS with %s is refused', async (_name, given) => {
    const error = await rejectionOf(openTarget({ realAws: true, ...given }));
    expect(error).toBeInstanceOf(HarnessError);
    expect(error.message).toMatch(/--instance-id.*--contact-flow-id/);
  });

  it.each([2.01, 3, 100])('a rate of %s/s against real AWS is refused', async (rate) => {
    const error = await rejectionOf(openTarget({ realAws: true, ...ids, rate }));
    expect(error).toBeInstanceOf(HarnessError);
    expect(error.message).toContain('--rate');
  });

  it('a complete opt-in at the documented 2/s gives an AWS target (closed unused: nothing is sent)', async () => {
    const target = await openTarget({ realAws: true, endpoint: AWS_ENDPOINT, ...ids, rate: 2 });
    expect(target.kind).toBe('aws');
    // Plain words: which service, where, which region; never "real AWS the AWS endpoint for …".
    expect(target.description).toBe(`real AWS: Amazon Connect at ${AWS_ENDPOINT}, region ${target.region}`);
    // Gentle by default: no burst probe, a narrow concurrency.
    expect(await target.throttleProbe()).toBeUndefined();
    expect(target.concurrency).toBeLessThanOrEqual(5);
    expect(target.startedContacts()).toEqual([]);
    await target.close();
  });

  it('an endpoint that is not a URL is a harness error', async () => {
    await expect(openTarget({ endpoint: 'not a url' })).rejects.toThrow(HarnessError);
  });
});

describe('Pacer', () => {
  /** A clock that moves only when told (or, for one caller at a time, when it sleeps): the schedule is read, never timed. */
  function fakeClock({ sleepAdvances }: { sleepAdvances: boolean }) {
    const clock = { t: 1_000_000, sleeps: [] as number[], now: () => clock.t, sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      if (sleepAdvances) clock.t += ms;
    } };
    return clock;
  }

  it('spaces simultaneous callers at the given rate', async () => {
    const clock = fakeClock({ sleepAdvances: false });
    const pacer = new Pacer(20, clock); // one every 50 ms
    // All five ask at the same instant: the first goes at once, the k-th waits k intervals.
    await Promise.all(Array.from({ length: 5 }, () => pacer.wait()));
    expect(clock.sleeps).toEqual([50, 100, 150, 200]);
  });

  it('spaces sequential callers too, and does not make a late caller wait', async () => {
    const clock = fakeClock({ sleepAdvances: true });
    const pacer = new Pacer(10, clock);
    for (let i = 0; i < 3; i++) await pacer.wait();
    expect(clock.sleeps).toEqual([100, 100]);
    clock.t += 1_000; // a caller long after the last slot goes at once
    await pacer.wait();
    expect(clock.sleeps).toEqual([100, 100]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new Pacer(0)).toThrow();
    expect(() => new Pacer(-1)).toThrow();
    expect(() => new Pacer(Number.NaN)).toThrow();
  });
});

describe('an endpoint target on a running emulator', () => {
  let emu: RunningEmulator;
  let reader: ConnectClient;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, quotas: { preset: 'unlimited' } });
    reader = new ConnectClient({ endpoint: emu.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  });
  afterAll(async () => {
    reader?.destroy();
    await emu?.close();
  });
  const active = () => emu.app.service.contacts.activeCalls(ids.instanceId, Date.now());
  const disconnected = async (contactId: string) => {
    const { Contact } = await reader.send(new DescribeContactCommand({ InstanceId: ids.instanceId, ContactId: contactId }));
    return Contact?.DisconnectTimestamp instanceof Date;
  };

  it('paces calls at --rate', async () => {
    // The wiring, not the clock: with --rate every call waits for the pacer first.
    const waits: number[] = [];
    const counting = new Pacer(10, { now: () => 0, sleep: async () => {} });
    const original = counting.wait.bind(counting);
    counting.wait = () => {
      waits.push(waits.length);
      return original();
    };
    const target = openEndpointTarget({ kind: 'endpoint', endpoint: emu.url, region: 'us-east-1', instanceId: ids.instanceId, contactFlowId: ids.contactFlowId, pacer: counting });
    try {
      await Promise.all(Array.from({ length: 4 }, (_, i) => target.call('DescribeContact', { InstanceId: ids.instanceId, ContactId: `none-${i}` })));
      expect(waits).toHaveLength(4);
    } finally {
      await target.close();
    }
    // And --rate builds a pacer for the target (a refused rate shows it is read).
    await expect(openTarget({ endpoint: emu.url, rate: 0 })).rejects.toThrow(/rate must be positive/);
  });

  it('stops every contact it started on close()', async () => {
    const before = active();
    const target = await openTarget({ endpoint: emu.url });
    expect(target.kind).toBe('endpoint');
    const contactIds = [];
    for (let i = 0; i < 4; i++) {
      const result = await target.call('StartWebRTCContact', startRequest(target, `close ${i}`));
      expect(result.ok).toBe(true);
      if (result.ok) contactIds.push(String(result.output.ContactId));
    }
    expect([...target.startedContacts()].sort()).toEqual([...contactIds].sort());
    expect(active()).toBe(before + 4);
    for (const id of contactIds) expect(await disconnected(id)).toBe(false);
    await target.close();
    expect(active()).toBe(before);
    for (const id of contactIds) expect(await disconnected(id)).toBe(true);
    // Closed means closed.
    await expect(target.call('StartWebRTCContact', startRequest(target, 'late'))).rejects.toThrow(HarnessError);
  });

  it('a contact stopped by the run itself is not stopped again', async () => {
    const target = await openTarget({ endpoint: emu.url });
    const started = await target.call('StartWebRTCContact', startRequest(target, 'stopped early'));
    expect(started.ok).toBe(true);
    const contactId = started.ok ? String(started.output.ContactId) : '';
    const stopped = await target.call('StopContact', { InstanceId: ids.instanceId, ContactId: contactId });
    expect(stopped.ok).toBe(true);
    expect(target.startedContacts()).toEqual([]);
    await target.close();
  });

  it('after interrupt(), calls throw a HarnessError, and close() still stops the contacts', async () => {
    const before = active();
    const target = await openTarget({ endpoint: emu.url });
    const started = await Promise.all([0, 1, 2].map((i) => target.call('StartWebRTCContact', startRequest(target, `interrupt ${i}`))));
    expect(started.every((r) => r.ok)).toBe(true);
    expect(active()).toBe(before + 3);
    target.interrupt('interrupted by SIGINT');
    const error = await rejectionOf(target.call('StartWebRTCContact', startRequest(target, 'after interrupt')));
    expect(error).toBeInstanceOf(HarnessError);
    expect(error.message).toBe('interrupted by SIGINT');
    expect(active()).toBe(before + 3);
    await target.close();
    expect(active()).toBe(before);
    expect(target.startedContacts()).toEqual([]);
  });

  it('an interrupted run skips the checks it had not begun', async () => {
    const target = await openTarget({ endpoint: emu.url, probeThrottling: false });
    const controller = new AbortController();
    try {
      const report = await runConformance({
        target,
        profile: defaultProfile,
        runs: 5,
        seed: 1,
        checks: ['accepts-valid', 'rejects-invalid'],
        signal: controller.signal,
        onCheckDone: () => {
          controller.abort();
          target.interrupt('interrupted by SIGINT');
        },
      });
      expect(report.results.map((r) => [r.check, r.status])).toEqual([['accepts-valid', 'passed'], ['rejects-invalid', 'skipped']]);
    } finally {
      await target.close();
    }
    expect(active()).toBe(0);
  });

  it('a whole conformance run through it leaves no contact active, releasing them between cases', async () => {
    const target = await openTarget({ endpoint: emu.url, probeThrottling: false });
    try {
      const report = await runConformance({ target, profile: defaultProfile, runs: 10, seed: 3, checks: ['accepts-valid', 'idempotent-replay', 'describe-contact', 'auth-enforced'] });
      for (const result of report.results) expect(result.status, `${result.check}: ${result.findings[0]?.reason ?? result.note ?? ''}`).toBe('passed');
      expect(report.results.find((r) => r.check === 'accepts-valid')?.cases).toBeGreaterThan(0);
      // Released case by case: a concurrent-call quota of 10 would otherwise throttle the run.
      expect(active()).toBe(0);
    } finally {
      await target.close();
    }
    expect(active()).toBe(0);
  });
});

describe('an unreachable endpoint', () => {
  it('is a harness error in the report (status error, exit 2), never a finding', async () => {
    const port = await closedPort();
    const target = await openTarget({ endpoint: `http://127.0.0.1:${port}` });
    try {
      const report = await runConformance({ target, profile: defaultProfile, runs: 5, seed: 1 });
      expect(report.results.length).toBeGreaterThan(0);
      for (const result of report.results) {
        expect(result.status, result.check).toBe('error');
        expect(result.findings).toEqual([]);
        expect(result.note, result.check).toMatch(/no HTTP answer/);
      }
      expect(exitStatus(report)).toBe(2);
    } finally {
      await target.close();
    }
  });
});

describe('throttled calls', () => {
  it('are waited out, not reported as findings', async () => {
    const events: RequestEvent[] = [];
    await using emu = await startEmulator({ port: 0, quotas: { preset: 'aws-default' }, observer: { request: (event) => events.push(event) } });
    const starts = () => events.filter((e) => e.operation === 'StartWebRTCContact');
    // 7 starts at once against 2/s, burst 5: two must wait for the bucket to refill. (aws-default
    // also allows 10 active calls per instance: close() stops these 7 before the next part.)
    const target = await openTarget({ endpoint: emu.url, probeThrottling: false });
    try {
      const results = await Promise.all(Array.from({ length: 7 }, (_, i) => target.call('StartWebRTCContact', startRequest(target, `throttled ${i}`))));
      expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.name))).toEqual([]);
      expect(starts().filter((e) => e.outcome === 'throttled').length).toBeGreaterThan(0);
      expect(starts().filter((e) => e.outcome === 'accepted')).toHaveLength(7);
    } finally {
      await target.close();
    }
    // The same through the runner, its bucket drained again: a check sending valid cases passes.
    const runner = await openTarget({ endpoint: emu.url, probeThrottling: false });
    try {
      const throttledBefore = starts().filter((e) => e.outcome === 'throttled').length;
      const report = await runConformance({ target: runner, profile: defaultProfile, runs: 3, seed: 5, checks: ['accepts-valid'], phases: ['random'] });
      expect(report.results[0]!.status, report.results[0]!.findings[0]?.reason ?? report.results[0]!.note).toBe('passed');
      expect(report.results[0]!.cases).toBe(3);
      expect(exitStatus(report)).toBe(0);
      expect(starts().filter((e) => e.outcome === 'throttled').length).toBeGreaterThan(throttledBefore);
    } finally {
      await runner.close();
    }
  });
});
