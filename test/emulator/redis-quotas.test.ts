// Quotas shared across replicas: two emulators on one Redis and one ManualClock (as replicas on one
// machine share a clock) hold one rate bucket per account and region, one read bucket, and one count
// of each instance's active calls, whichever replica a request reaches. The clock is the test's, so
// the counts are exact whatever the machine's load: nothing here depends on elapsed time. Skips,
// saying why, without redis-server; fails instead under CI=true.
import { DescribeContactCommand, StartWebRTCContactCommand, StopContactCommand, type ConnectClient } from '@aws-sdk/client-connect';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { defaultProfile, quotas } from '../../harness/contract/index.ts';
import { ManualClock } from '../../harness/emulator/clock.ts';
import type { EmulatorOptions } from '../../harness/emulator/options.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { availability } from '../../harness/services/availability.ts';
import type { RunningService } from '../../harness/services/running-service.ts';
import { startRedis } from '../../harness/services/start-redis.ts';
import { clientFor, instanceId, rejectionOf, startInput, UUID } from '../support/connect-client.ts';
import { describeWithService } from '../support/service-guard.ts';

const throttle = defaultProfile.entries['rate-throttle'];
const callQuota = defaultProfile.entries['concurrent-calls'];

/** Two replicas on one Redis and one clock, an SDK client for each. */
async function replicas(redisUrl: string, options: EmulatorOptions) {
  const clock = new ManualClock();
  const settings: EmulatorOptions = { port: 0, noAuth: true, clock, store: redisUrl, ...options };
  const emulators: RunningEmulator[] = [await startEmulator(settings), await startEmulator(settings)];
  const clients = emulators.map((e) => clientFor(e)) as [ConnectClient, ConnectClient];
  return {
    clock,
    clients,
    start: (replica: 0 | 1, overrides: Parameters<typeof startInput>[0] = {}) => clients[replica].send(new StartWebRTCContactCommand(startInput(overrides))),
    async [Symbol.asyncDispose]() {
      for (const c of clients) c.destroy();
      await Promise.all(emulators.map((e) => e.close()));
    },
  };
}

/** True when the call passed, false when it was throttled with the `entry` error; anything else fails the test. */
async function passed(call: Promise<unknown>, entry = throttle): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (error) {
    expect((error as Error).name).toBe(entry.error);
    return false;
  }
}

describeWithService(
  await availability('redis'),
  'Quotas shared across replicas on one Redis',
  () => {
    let redis: RunningService;
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(async () => {
      await redis?.stop();
    });
    beforeEach(async () => {
      // Every test starts from empty buckets and no calls (the replicas' clock always starts at one instant).
      const r = new Redis(redis.url);
      await r.flushdb();
      r.disconnect();
    });

    it('a rate of R/s on both replicas admits R/s in total (within 10 %), plus one burst', async () => {
      const rate = 10;
      const burst = 5;
      const windowMs = 10_000;
      const stepMs = 20; // 50 attempts a second, five times the rate, alternating between the replicas
      await using t = await replicas(redis.url, { quotas: { rateLimit: rate, burst, maxConcurrentCalls: 100_000 } });
      const admitted = [0, 0];
      for (let elapsed = 0, i = 0; elapsed < windowMs; elapsed += stepMs, i++) {
        const replica = (i % 2) as 0 | 1;
        if (await passed(t.start(replica))) admitted[replica]!++;
        t.clock.advance(stepMs);
      }
      const total = admitted[0]! + admitted[1]!;
      const expected = burst + (rate * windowMs) / 1000;
      expect(total).toBeGreaterThanOrEqual(expected * 0.9);
      expect(total).toBeLessThanOrEqual(expected * 1.1);
      // Both replicas admitted their share of the one bucket (each alone would have admitted `expected`).
      expect(Math.min(...admitted)).toBeGreaterThan(expected * 0.3);
    });

    it('a bucket emptied through one replica throttles the other, invalid requests included (the quota comes before validation)', async () => {
      const { burst } = quotas.startWebRTCContact;
      await using t = await replicas(redis.url, { quotas: { preset: 'aws-default', maxConcurrentCalls: 10_000 } });
      for (let i = 0; i < burst; i++) expect((await t.start(0)).ContactId).toMatch(UUID);
      const invalid = await rejectionOf(t.start(1, { ParticipantDetails: { DisplayName: '' } }));
      expect(invalid.name).toBe(throttle.error);
      expect(invalid.$metadata.httpStatusCode).toBe(throttle.status);
      expect(await passed(t.start(1))).toBe(false);
      t.clock.advance(1000 / quotas.startWebRTCContact.ratePerSecond);
      expect(await passed(t.start(1))).toBe(true);
    });

    it('the contact reads share one bucket across replicas', async () => {
      const { burst } = quotas.contactReads;
      await using t = await replicas(redis.url, { quotas: { preset: 'aws-default', maxConcurrentCalls: 10_000 } });
      const { ContactId } = await t.start(0);
      let reads = 0;
      for (let i = 0; i < burst * 2; i++) {
        if (await passed(t.clients[(i % 2) as 0 | 1].send(new DescribeContactCommand({ InstanceId: instanceId, ContactId })))) reads++;
      }
      expect(reads).toBe(burst);
    });

    it('the concurrent-call quota is one count across replicas: started on either, stopped on the other, ended by time', async () => {
      const callDurationMs = 60_000;
      await using t = await replicas(redis.url, { quotas: { preset: 'unlimited', maxConcurrentCalls: 3 }, callDurationMs });
      const first = await t.start(0);
      await t.start(0);
      await t.start(1);
      const full = await rejectionOf(t.start(1));
      expect(full.name).toBe(callQuota.error);
      expect(full.message).toContain('3');
      expect(await passed(t.start(0), callQuota)).toBe(false);
      // Stopped through the other replica: its slot is free for both.
      await t.clients[1].send(new StopContactCommand({ InstanceId: instanceId, ContactId: first.ContactId }));
      expect(await passed(t.start(0), callQuota)).toBe(true);
      expect(await passed(t.start(1), callQuota)).toBe(false);
      // Calls end by themselves: once their time is up every slot is free again, for either replica.
      t.clock.advance(callDurationMs);
      expect(await passed(t.start(1), callQuota)).toBe(true);
      expect(await passed(t.start(0), callQuota)).toBe(true);
      expect(await passed(t.start(1), callQuota)).toBe(true);
      expect(await passed(t.start(0), callQuota)).toBe(false);
    });

    it('60 concurrent starts across both replicas against a quota of 10 calls: exactly 10 start', async () => {
      await using t = await replicas(redis.url, { quotas: { preset: 'unlimited', maxConcurrentCalls: 10 } });
      const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => passed(t.start((i % 2) as 0 | 1), callQuota)));
      expect(outcomes.filter(Boolean)).toHaveLength(10);
    });
  },
);
