// Quotas (docs/contract.md §7) on a ManualClock: the StartWebRTCContact token bucket, the separate
// bucket of the contact reads, presets and overrides, and the concurrent-active-call quota. Numbers
// come from the contract's `quotas`. Auth is off (the signature date check would read the manual
// clock too); per-account buckets need auth and are in auth.test.ts. Every test runs on the memory
// store and again on the Redis store (where the buckets and calls live in Redis, redis-scripts.ts),
// which must answer alike; Redis is emptied before each emulator, as a fresh memory store is empty.
import {
  DescribeContactCommand,
  GetContactAttributesCommand,
  StartWebRTCContactCommand,
  StopContactCommand,
} from '@aws-sdk/client-connect';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfile, quotas } from '../../harness/contract/index.ts';
import { emulatorOptionsFromArgs } from '../../harness/cli/commands/emulator.ts';
import { ManualClock } from '../../harness/emulator/clock.ts';
import { startEmulator } from '../../harness/emulator/server.ts';
import type { EmulatorOptions } from '../../harness/emulator/options.ts';
import { availability } from '../../harness/services/availability.ts';
import type { RunningService } from '../../harness/services/running-service.ts';
import { startRedis } from '../../harness/services/start-redis.ts';
import { clientFor, instanceId, rejectionOf, startInput, UUID } from '../support/connect-client.ts';
import { describeWithService } from '../support/service-guard.ts';

const { ratePerSecond: startRate, burst: startBurst } = quotas.startWebRTCContact;
const { ratePerSecond: readRate, burst: readBurst } = quotas.contactReads;
const throttle = defaultProfile.entries['rate-throttle'];
const callQuota = defaultProfile.entries['concurrent-calls'];

/** "memory", or the URL of the Redis the current suite runs on. */
let store = 'memory';

async function emulatorWith(options: EmulatorOptions) {
  if (store !== 'memory') {
    const redis = new Redis(store);
    await redis.flushdb();
    redis.disconnect();
  }
  const clock = new ManualClock();
  const emu = await startEmulator({ port: 0, noAuth: true, clock, store, ...options });
  const client = clientFor(emu);
  return {
    emu,
    clock,
    client,
    start: (overrides: Parameters<typeof startInput>[0] = {}) => client.send(new StartWebRTCContactCommand(startInput(overrides))),
    async [Symbol.asyncDispose]() {
      client.destroy();
      await emu.close();
    },
  };
}

async function expectThrottled(promise: Promise<unknown>, entry = throttle): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error.name).toBe(entry.error);
  expect(error.$metadata.httpStatusCode).toBe(entry.status);
}

/** How many of `n` calls made at one instant succeed (stops counting at the first refusal). */
async function passing(n: number, call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < n; i++) {
    try {
      await call();
    } catch (error) {
      expect((error as Error).name).toBe(throttle.error);
      return i;
    }
  }
  return n;
}

function quotaSuites(): void {
  describe('StartWebRTCContact rate (aws-default)', () => {
    // Calls must not be what limits these tests: a generous concurrent-call quota.
    const options: EmulatorOptions = { quotas: { preset: 'aws-default', maxConcurrentCalls: 10_000 } };

    it(`${startBurst} immediate starts pass, the next is throttled with the rate-throttle error`, async () => {
      await using t = await emulatorWith(options);
      for (let i = 0; i < startBurst; i++) expect((await t.start()).ContactId).toMatch(UUID);
      await expectThrottled(t.start());
      await expectThrottled(t.start());
    });

    it(`refills one start per ${1000 / startRate} ms`, async () => {
      await using t = await emulatorWith(options);
      expect(await passing(startBurst + 1, () => t.start())).toBe(startBurst);
      t.clock.advance(1000 / startRate - 1);
      await expectThrottled(t.start());
      t.clock.advance(1);
      expect((await t.start()).ContactId).toMatch(UUID);
      await expectThrottled(t.start());
    });

    it(`after ${startBurst / startRate} s the bucket is back to the burst of ${startBurst}, and never above it`, async () => {
      await using t = await emulatorWith(options);
      expect(await passing(startBurst + 1, () => t.start())).toBe(startBurst);
      t.clock.advance((startBurst / startRate) * 1000);
      expect(await passing(startBurst + 1, () => t.start())).toBe(startBurst);
      t.clock.advance(3600_000);
      expect(await passing(startBurst + 5, () => t.start())).toBe(startBurst);
    });

    it('a throttled request is not charged: it does not delay the refill', async () => {
      await using t = await emulatorWith(options);
      expect(await passing(startBurst + 1, () => t.start())).toBe(startBurst);
      for (let i = 0; i < 20; i++) await expectThrottled(t.start());
      t.clock.advance(1000 / startRate);
      expect((await t.start()).ContactId).toMatch(UUID);
    });

    it('invalid requests are throttled too (the rate quota comes before validation)', async () => {
      await using t = await emulatorWith(options);
      expect(await passing(startBurst + 1, () => t.start())).toBe(startBurst);
      await expectThrottled(t.start({ ParticipantDetails: { DisplayName: '' } }));
    });
  });

  describe('contact reads have their own bucket', () => {
    it(`DescribeContact: ${readBurst} immediate reads pass, the next is throttled, ${1000 / readRate} ms gives one more; starts are unaffected`, async () => {
      await using t = await emulatorWith({ quotas: { preset: 'aws-default', maxConcurrentCalls: 10_000 } });
      const { ContactId } = await t.start();
      const describe = () => t.client.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId }));
      expect(await passing(readBurst + 1, describe)).toBe(readBurst);
      await expectThrottled(describe());
      // The reads share one bucket.
      await expectThrottled(t.client.send(new GetContactAttributesCommand({ InstanceId: instanceId, InitialContactId: ContactId })));
      await expectThrottled(t.client.send(new StopContactCommand({ InstanceId: instanceId, ContactId })));
      // The start bucket still holds burst - 1.
      expect(await passing(startBurst, () => t.start())).toBe(startBurst - 1);
      t.clock.advance(1000 / readRate);
      expect((await describe()).Contact?.Id).toBe(ContactId);
      await expectThrottled(describe());
    });

    it('exhausting the start bucket leaves the reads alone', async () => {
      await using t = await emulatorWith({ quotas: { preset: 'aws-default', maxConcurrentCalls: 10_000 } });
      const { ContactId } = await t.start();
      expect(await passing(startBurst + 1, () => t.start())).toBe(startBurst - 1);
      expect((await t.client.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId }))).Contact?.Id).toBe(ContactId);
    });
  });

  describe('presets and overrides', () => {
    it('unlimited never throttles (a frozen clock, hundreds of requests)', async () => {
      await using t = await emulatorWith({ quotas: { preset: 'unlimited' } });
      const outputs = await Promise.all(Array.from({ length: 300 }, () => t.start()));
      expect(new Set(outputs.map((o) => o.ContactId)).size).toBe(300);
      const id = outputs[0]!.ContactId;
      await Promise.all(Array.from({ length: 100 }, () => t.client.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: id }))));
    });

    it('refuses a burst without a rate to apply it to, rather than ignoring it', async () => {
      const { resolveQuotas } = await import('../../harness/emulator/quotas.ts');
      expect(() => resolveQuotas({ preset: 'unlimited', burst: 10 })).toThrow(/burst needs a rate limit/);
      expect(resolveQuotas({ preset: 'unlimited', burst: 10, rateLimit: 5 }).start).toEqual({ ratePerSecond: 5, burst: 10 });
    });

    it('rateLimit / burst override the preset', async () => {
      await using t = await emulatorWith({ quotas: { rateLimit: 1, burst: 2, maxConcurrentCalls: 10_000 } });
      expect(await passing(10, () => t.start())).toBe(2);
      t.clock.advance(999);
      await expectThrottled(t.start());
      t.clock.advance(1);
      expect((await t.start()).ContactId).toMatch(UUID);
    });

    it('--rate-limit / --burst on the command line override the preset', async () => {
      const parsed = await emulatorOptionsFromArgs(['--quotas', 'aws-default', '--rate-limit', '4', '--burst', '8', '--max-concurrent-calls', '1000']);
      await using t = await emulatorWith({ quotas: parsed.quotas });
      expect(await passing(20, () => t.start())).toBe(8);
      t.clock.advance(250);
      expect((await t.start()).ContactId).toMatch(UUID);
      await expectThrottled(t.start());
    });

    it('--quotas unlimited with --rate-limit keeps only the rate', async () => {
      const parsed = await emulatorOptionsFromArgs(['--quotas', 'unlimited', '--rate-limit', '3']);
      await using t = await emulatorWith({ quotas: parsed.quotas });
      expect(await passing(10, () => t.start())).toBe(3);
    });
  });

  describe('concurrent active calls per instance', () => {
    it(`aws-default allows ${quotas.concurrentActiveCallsPerInstance} active calls`, async () => {
      await using t = await emulatorWith({ quotas: { preset: 'aws-default', rateLimit: 10_000, burst: 10_000 } });
      for (let i = 0; i < quotas.concurrentActiveCallsPerInstance; i++) await t.start();
      await expectThrottled(t.start(), callQuota);
    });

    it('maxConcurrentCalls: 2 → the third start is refused; StopContact frees a slot', async () => {
      await using t = await emulatorWith({ quotas: { preset: 'unlimited', maxConcurrentCalls: 2 } });
      const first = await t.start();
      await t.start();
      const error = await rejectionOf(t.start());
      expect(error.name).toBe(callQuota.error);
      expect(error.$metadata.httpStatusCode).toBe(callQuota.status);
      expect(error.message).toContain('2');
      await t.client.send(new StopContactCommand({ InstanceId: instanceId, ContactId: first.ContactId }));
      expect((await t.start()).ContactId).toMatch(UUID);
      await expectThrottled(t.start(), callQuota);
    });

    it('calls end by themselves after callDurationMs, which frees their slots', async () => {
      const callDurationMs = 60_000;
      await using t = await emulatorWith({ quotas: { preset: 'unlimited', maxConcurrentCalls: 2 }, callDurationMs });
      const a = await t.start();
      await t.start();
      t.clock.advance(callDurationMs - 1);
      await expectThrottled(t.start(), callQuota);
      t.clock.advance(1);
      expect((await t.start()).ContactId).toMatch(UUID);
      expect((await t.start()).ContactId).toMatch(UUID);
      await expectThrottled(t.start(), callQuota);
      const { Contact } = await t.client.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: a.ContactId }));
      expect(Contact?.DisconnectTimestamp?.getTime()).toBe(Contact!.InitiationTimestamp!.getTime() + callDurationMs);
      // An ended call cannot be stopped.
      const stopped = await rejectionOf(t.client.send(new StopContactCommand({ InstanceId: instanceId, ContactId: a.ContactId })));
      expect(stopped.name).toBe(defaultProfile.entries['contact-not-found'].error);
    });

    it('each instance has its own quota', async () => {
      const other = '33333333-2222-4333-8444-555555555555';
      await using t = await emulatorWith({ quotas: { preset: 'unlimited', maxConcurrentCalls: 1 }, instanceIds: [instanceId, other] });
      await t.start();
      await expectThrottled(t.start(), callQuota);
      expect((await t.start({ InstanceId: other })).ContactId).toMatch(UUID);
    });
  });
}

describe('memory store', quotaSuites);

describeWithService(await availability('redis'), 'Redis store', () => {
  let redis: RunningService | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    store = redis.url;
  });
  afterAll(async () => {
    store = 'memory';
    await redis?.stop();
  });
  quotaSuites();
});
