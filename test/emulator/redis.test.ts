// The Redis store against a real redis-server: emulators in this process and one in another OS
// process (the published command) share one Redis and act as one service. Each request is one
// call to Redis. A contact started on one is described, read and stopped on another; concurrent
// starts with one token across all of them create exactly one contact; strict token reuse is
// refused across them; the 7-day window follows the emulator's clock; a restarted emulator still
// replays. Skips, saying why, without redis-server; fails instead under CI=true.
import {
  DescribeContactCommand,
  GetContactAttributesCommand,
  StartWebRTCContactCommand,
  StopContactCommand,
  type ConnectClient,
} from '@aws-sdk/client-connect';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultProfile, idempotency } from '../../harness/contract/index.ts';
import { ManualClock } from '../../harness/emulator/clock.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { clientFor, instanceId, rejectionOf, startInput, UUID, withoutMetadata } from '../support/connect-client.ts';
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process.ts';
import { availability } from '../../harness/services/availability.ts';
import { startRedis } from '../../harness/services/start-redis.ts';
import type { RunningService } from '../../harness/services/running-service.ts';
import { until } from '../support/hang-guard.ts';
import { describeWithService } from '../support/service-guard.ts';

describeWithService(
  await availability('redis'),
  'Redis store: replicas act as one service',
  () => {
    let redis: RunningService;
    let a: RunningEmulator;
    let b: RunningEmulator;
    let child: EmulatorProcess;
    const clients: ConnectClient[] = [];
    const activeCalls = () => a.app.service.store.shared!.activeCalls(instanceId, Date.now());

    beforeAll(async () => {
      redis = await startRedis();
      [a, b, child] = await Promise.all([
        startEmulator({ port: 0, store: redis.url, quotas: { preset: 'unlimited' } }),
        startEmulator({ port: 0, store: redis.url, quotas: { preset: 'unlimited' } }),
        // No admission bound: the thousand concurrent starts below are not an overload to shed.
        startEmulatorProcess(['--port', '0', '--store', redis.url, '--quotas', 'unlimited', '--max-in-flight', '0']),
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
      expect(b.app.service.store.shared).toBeDefined();
    });

    it('1,000 concurrent starts with one token across two in-process emulators and one other process → one contact, one call', async () => {
      const ClientToken = `shared-${Date.now()}`;
      const input = startInput({ ClientToken });
      const before = await activeCalls();
      const outputs = await Promise.all(Array.from({ length: 1000 }, (_, i) => clients[i % clients.length]!.send(new StartWebRTCContactCommand(input))));
      const ids = new Set(outputs.map((o) => o.ContactId));
      expect(ids.size).toBe(1);
      expect([...ids][0]).toMatch(UUID);
      expect(new Set(outputs.map((o) => JSON.stringify(withoutMetadata(o)))).size).toBe(1);
      // One call started, counted once across the replicas; the other 999 only replayed it.
      expect((await activeCalls()) - before).toBe(1);
    });

    it('each request is one call to Redis: a script by its digest, for starts, replays and the contact operations', async () => {
      const c = clients[0]!;
      const ClientToken = `one-call-${Date.now()}`;
      // Each script's text goes once per connection (EVAL), its digest after (EVALSHA).
      const warm = await c.send(new StartWebRTCContactCommand(startInput()));
      await c.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: warm.ContactId }));
      await c.send(new StopContactCommand({ InstanceId: instanceId, ContactId: warm.ContactId }));
      // What clients send, not what scripts run inside ("lua").
      const monitor = await new Redis(redis.url).monitor();
      const sent: string[] = [];
      monitor.on('monitor', (_time: string, args: string[], source: string) => {
        if (source !== 'lua') sent.push(String(args[0]).toLowerCase());
      });
      try {
        const { ContactId } = await c.send(new StartWebRTCContactCommand(startInput({ ClientToken })));
        await c.send(new StartWebRTCContactCommand(startInput({ ClientToken })));
        await c.send(new StartWebRTCContactCommand(startInput()));
        await c.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId }));
        await c.send(new GetContactAttributesCommand({ InstanceId: instanceId, InitialContactId: ContactId }));
        await c.send(new StopContactCommand({ InstanceId: instanceId, ContactId }));
        await until('the monitor to see six commands', () => sent.length >= 6);
      } finally {
        monitor.disconnect();
      }
      expect(sent).toEqual(Array(6).fill('evalsha'));
    });

    it('a contact started on one replica is described, read and stopped on another process, and seen stopped on a third', async () => {
      const [onA, onB, onChild] = clients as [ConnectClient, ConnectClient, ConnectClient];
      const Attributes = { tier: 'gold', 'caller_name': 'ünïcödé 😀' };
      const { ContactId } = await onA.send(new StartWebRTCContactCommand(startInput({ Attributes, Description: 'shared' })));

      const described = await onChild.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId }));
      expect(described.Contact).toMatchObject({ Id: ContactId, Description: 'shared', Channel: 'VOICE' });
      expect(described.Contact?.DisconnectTimestamp).toBeUndefined();
      const attributes = await onChild.send(new GetContactAttributesCommand({ InstanceId: instanceId, InitialContactId: ContactId }));
      expect(attributes.Attributes).toEqual(Attributes);

      const before = await activeCalls();
      await onChild.send(new StopContactCommand({ InstanceId: instanceId, ContactId }));
      expect(await activeCalls()).toBe(before - 1);
      const ended = await onB.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId }));
      expect(ended.Contact?.DisconnectTimestamp).toBeInstanceOf(Date);
      const again = await rejectionOf(onB.send(new StopContactCommand({ InstanceId: instanceId, ContactId })));
      expect(again.name).toBe(defaultProfile.entries['contact-not-found'].error);

      // And the other way round: started in the other process, stopped here.
      const other = await onChild.send(new StartWebRTCContactCommand(startInput()));
      await onB.send(new StopContactCommand({ InstanceId: instanceId, ContactId: other.ContactId }));
      expect((await onA.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: other.ContactId }))).Contact?.DisconnectTimestamp).toBeInstanceOf(Date);
    });

    it('an unknown contact is unknown everywhere; one instance cannot read another instance’s contact', async () => {
      const otherInstance = '33333333-2222-4333-8444-555555555555';
      await using both = await startEmulator({ port: 0, store: redis.url, quotas: { preset: 'unlimited' }, instanceIds: [instanceId, otherInstance] });
      const c = clientFor(both);
      const { ContactId } = await clients[0]!.send(new StartWebRTCContactCommand(startInput()));
      const wrongInstance = await rejectionOf(c.send(new DescribeContactCommand({ InstanceId: otherInstance, ContactId })));
      expect(wrongInstance.name).toBe('ResourceNotFoundException');
      const notStopped = await rejectionOf(c.send(new StopContactCommand({ InstanceId: otherInstance, ContactId })));
      expect(notStopped.name).toBe(defaultProfile.entries['contact-not-found'].error);
      const unknown = await rejectionOf(clients[2]!.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: '00000000-0000-4000-8000-000000000000' })));
      expect(unknown.name).toBe('ResourceNotFoundException');
      c.destroy();
    });

    it('different tokens on different emulators stay different contacts', async () => {
      const x = await clients[0]!.send(new StartWebRTCContactCommand(startInput({ ClientToken: `x-${Date.now()}` })));
      const y = await clients[2]!.send(new StartWebRTCContactCommand(startInput({ ClientToken: `y-${Date.now()}` })));
      expect(x.ContactId).not.toBe(y.ContactId);
    });

    it('strict tokens: a token reused with other parameters on another replica gets the documented error; the same parameters replay', async () => {
      const options = { port: 0, store: redis.url, quotas: { preset: 'unlimited' as const }, strictTokens: true };
      await using one = await startEmulator(options);
      await using two = await startEmulator(options);
      const [c1, c2] = [clientFor(one), clientFor(two)];
      const ClientToken = `strict-${Date.now()}`;
      const first = await c1.send(new StartWebRTCContactCommand(startInput({ ClientToken })));
      const same = await c2.send(new StartWebRTCContactCommand(startInput({ ClientToken })));
      expect(same.ContactId).toBe(first.ContactId);
      const entry = defaultProfile.entries['token-parameter-mismatch'];
      const changed = await rejectionOf(c2.send(new StartWebRTCContactCommand(startInput({ ClientToken, Attributes: { other: 'value' } }))));
      expect(changed.name).toBe(entry.error);
      expect(changed.$metadata.httpStatusCode).toBe(entry.status);
      c1.destroy();
      c2.destroy();
    });

    it('the 7-day window is kept by the emulator clock: replays until window - 1 ms, then the token starts a new contact', async () => {
      const clock = new ManualClock();
      // Auth off: the signature's date check would read the manual clock too. Calls outlive the test.
      await using timed = await startEmulator({ port: 0, clock, noAuth: true, store: redis.url, quotas: { preset: 'unlimited' }, callDurationMs: 30 * 24 * 3600 * 1000 });
      const c = clientFor(timed);
      const ClientToken = `weekly-${Date.now()}`;
      const start = () => c.send(new StartWebRTCContactCommand(startInput({ ClientToken })));
      const first = await start();
      clock.advance(idempotency.windowMs - 1);
      expect((await start()).ContactId).toBe(first.ContactId);
      clock.advance(1);
      const renewed = await start();
      expect(renewed.ContactId).not.toBe(first.ContactId);
      clock.advance(idempotency.windowMs - 1);
      expect((await start()).ContactId).toBe(renewed.ContactId);
      c.destroy();
    });

    it('a restarted emulator on the same Redis still replays the token, and the replay starts no call', async () => {
      const ClientToken = `restart-${Date.now()}`;
      let first;
      {
        await using before = await startEmulator({ port: 0, store: redis.url, quotas: { preset: 'unlimited' } });
        const c = clientFor(before);
        first = await c.send(new StartWebRTCContactCommand(startInput({ ClientToken })));
        c.destroy();
      }
      const calls = await activeCalls();
      await using after = await startEmulator({ port: 0, store: redis.url, quotas: { preset: 'unlimited' } });
      const c = clientFor(after);
      const again = await c.send(new StartWebRTCContactCommand(startInput({ ClientToken })));
      c.destroy();
      expect(again.ContactId).toBe(first.ContactId);
      expect(withoutMetadata(again)).toEqual(withoutMetadata(first));
      expect(await activeCalls()).toBe(calls);
    });
  },
);
