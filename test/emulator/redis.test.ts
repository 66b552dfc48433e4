// The Redis idempotency store against a real redis-server: emulators in this process and in another
// OS process share one Redis and still create exactly one contact per token; a restarted emulator
// still replays. Skips, saying why, without redis-server; fails instead under CI=true.
import { DescribeContactCommand, StartWebRTCContactCommand, type ConnectClient } from '@aws-sdk/client-connect';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { clientFor, instanceId, startInput, UUID, withoutMetadata } from '../support/connect-client.ts';
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process.ts';
import { availability } from '../../harness/services/availability.ts';
import { startRedis } from '../../harness/services/start-redis.ts';
import type { RunningService } from '../../harness/services/running-service.ts';
import { describeWithService } from '../support/service-guard.ts';

describeWithService(
  await availability('redis'),
  'Redis idempotency store',
  () => {
    let redis: RunningService;
    let a: RunningEmulator;
    let b: RunningEmulator;
    let child: EmulatorProcess;
    const clients: ConnectClient[] = [];

    beforeAll(async () => {
      redis = await startRedis();
      [a, b, child] = await Promise.all([
        startEmulator({ port: 0, store: redis.url, quotas: { preset: 'unlimited' } }),
        startEmulator({ port: 0, store: redis.url, quotas: { preset: 'unlimited' } }),
        startEmulatorProcess(['--port', '0', '--store', redis.url, '--quotas', 'unlimited']),
      ]);
      clients.push(clientFor(a), clientFor(b), clientFor(child));
    });
    afterAll(async () => {
      for (const c of clients) c.destroy();
      await Promise.allSettled([a?.close(), b?.close(), child?.stop()]);
      await redis?.stop();
    });

    it('uses the Redis store', () => {
      expect(a.app.service.store.description).toMatch(/^redis /);
      expect(b.app.service.store.description).toMatch(/^redis /);
    });

    it('200 concurrent requests with one token across two in-process emulators and one other process → one contact', async () => {
      const ClientToken = `shared-${Date.now()}`;
      const input = startInput({ ClientToken });
      const before = [a, b].map((e) => e.app.service.contacts.activeCalls(instanceId, e.app.service.clock.now()));
      const outputs = await Promise.all(Array.from({ length: 200 }, (_, i) => clients[i % clients.length]!.send(new StartWebRTCContactCommand(input))));
      const ids = new Set(outputs.map((o) => o.ContactId));
      expect(ids.size).toBe(1);
      const contactId = [...ids][0]!;
      expect(contactId).toMatch(UUID);
      expect(new Set(outputs.map((o) => JSON.stringify(withoutMetadata(o)))).size).toBe(1);

      // Exactly one emulator started the call; the others only replayed it.
      const after = [a, b].map((e) => e.app.service.contacts.activeCalls(instanceId, e.app.service.clock.now()));
      const inProcess = after[0]! - before[0]! + (after[1]! - before[1]!);
      const known = await Promise.all(
        clients.map((c) =>
          c.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: contactId })).then(
            () => 1,
            () => 0,
          ),
        ),
      );
      expect(known.reduce((x: number, y: number) => x + y, 0)).toBe(1);
      expect(inProcess).toBe(known[0]! + known[1]!);
    });

    it('different tokens on different emulators stay different contacts', async () => {
      const x = await clients[0]!.send(new StartWebRTCContactCommand(startInput({ ClientToken: `x-${Date.now()}` })));
      const y = await clients[2]!.send(new StartWebRTCContactCommand(startInput({ ClientToken: `y-${Date.now()}` })));
      expect(x.ContactId).not.toBe(y.ContactId);
    });

    it('a restarted emulator on the same Redis still replays the token', async () => {
      const ClientToken = `restart-${Date.now()}`;
      let first;
      {
        await using before = await startEmulator({ port: 0, store: redis.url, quotas: { preset: 'unlimited' } });
        const c = clientFor(before);
        first = await c.send(new StartWebRTCContactCommand(startInput({ ClientToken })));
        c.destroy();
      }
      await using after = await startEmulator({ port: 0, store: redis.url, quotas: { preset: 'unlimited' } });
      const c = clientFor(after);
      const again = await c.send(new StartWebRTCContactCommand(startInput({ ClientToken })));
      c.destroy();
      expect(again.ContactId).toBe(first.ContactId);
      expect(withoutMetadata(again)).toEqual(withoutMetadata(first));
      // The restarted emulator kept no call for it: a replay is not a new call.
      expect(after.app.service.contacts.activeCalls(instanceId, after.app.service.clock.now())).toBe(0);
    });

    it('a start refused on one emulator is not remembered for the others', async () => {
      const ClientToken = `refused-${Date.now()}`;
      await using full = await startEmulator({ port: 0, store: redis.url, quotas: { preset: 'unlimited', maxConcurrentCalls: 1 } });
      const c = clientFor(full);
      await c.send(new StartWebRTCContactCommand(startInput()));
      await expect(c.send(new StartWebRTCContactCommand(startInput({ ClientToken })))).rejects.toThrow();
      c.destroy();
      const ok = await clients[1]!.send(new StartWebRTCContactCommand(startInput({ ClientToken })));
      expect(ok.ContactId).toMatch(UUID);
    });
  },
);
