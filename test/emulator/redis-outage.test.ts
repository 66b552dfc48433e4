// The Redis store through an outage, against a real redis-server run the project's way (append-only
// file, fsync every second): killed with SIGKILL while starts with distinct ClientTokens are being
// acknowledged, then started again on the same port and data directory. Every acknowledged token
// replays its ContactId afterwards; while Redis is away every start with a token is answered the
// documented retryable 503 at once, the health route says unhealthy, one log line names the store,
// and the emulator recovers by itself. A claim an older emulator version left pending (a crashed
// holder) delays its token only until it lapses. Skips, saying why, without redis-server; fails instead under CI=true.
import { ConnectServiceException, StartWebRTCContactCommand, type ConnectClient } from '@aws-sdk/client-connect';
import { Redis } from 'ioredis';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultProfile } from '../../harness/contract/index.ts';
import { HEALTH_PATH } from '../../harness/emulator/app.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../../harness/contract/defaults.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { availability } from '../../harness/services/availability.ts';
import { startLocalRedis, type LocalRedis } from '../../harness/services/local-redis.ts';
import { clientFor, instanceId, startInput, UUID } from '../support/connect-client.ts';
import { settlesWithin, until } from '../support/hang-guard.ts';
import { describeWithService } from '../support/service-guard.ts';

type Answer = { readonly ok: true; readonly contactId: string } | { readonly ok: false; readonly error: ConnectServiceException };

async function startWith(client: ConnectClient, ClientToken: string): Promise<Answer> {
  try {
    const output = await client.send(new StartWebRTCContactCommand(startInput({ ClientToken })));
    return { ok: true, contactId: output.ContactId! };
  } catch (error) {
    if (error instanceof ConnectServiceException) return { ok: false, error };
    throw error;
  }
}

async function health(emulator: RunningEmulator): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emulator.url}${HEALTH_PATH}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The answer the profile documents for an unreachable store, as the SDK sees it. */
function expectStoreUnavailable(error: ConnectServiceException): void {
  const entry = defaultProfile.entries['store-unavailable'];
  expect(error.name).toBe(entry.error);
  expect(error.name).toBe('ServiceUnavailableException');
  expect(error.$metadata.httpStatusCode).toBe(503);
  expect(error.$fault).toBe('server');
  expect(error.$metadata.requestId).toMatch(UUID);
  expect(error.message).toMatch(/shared store is unreachable/);
}

describeWithService(
  await availability('redis', { localOnly: true }),
  'Redis store outage',
  () => {
    let redis: LocalRedis;
    let dir: string;
    const lines: string[] = [];
    let emulator: RunningEmulator;
    let client: ConnectClient;

    beforeAll(async () => {
      redis = await startLocalRedis();
      dir = redis.dir;
      emulator = await startEmulator({ port: 0, store: redis.url, quotas: { preset: 'unlimited' }, log: (line) => lines.push(line) });
      client = clientFor(emulator);
    });
    afterAll(async () => {
      client?.destroy();
      await emulator?.close();
      await redis?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('kill -9 mid-run and a restart: 0 acknowledged tokens lost; meanwhile 503 ServiceUnavailable, health unhealthy, one log line; then it recovers', async () => {
      const acknowledged = new Map<string, string>();
      const refused: ConnectServiceException[] = [];
      let next = 0;
      let running = true;
      const worker = async () => {
        while (running) {
          const token = `outage-${next++}`;
          const answer = await startWith(client, token);
          if (answer.ok) acknowledged.set(token, answer.contactId);
          else refused.push(answer.error);
        }
      };
      const workers = Array.from({ length: 8 }, worker);

      let ackedBeforeKill = 0;
      try {
        await until('300 starts acknowledged', () => acknowledged.size >= 300);
        ackedBeforeKill = acknowledged.size;
        await redis.kill(); // mid-run: starts are in flight on all 8 workers
        await until('30 starts refused while Redis is away', () => refused.length >= 30);
        const down = await health(emulator);
        expect(down.status).toBe(503);
        expect(down.body).toMatchObject({ status: 'unavailable', store: `redis 127.0.0.1:${redis.port}` });
        expect(down.body.refused).toBeGreaterThan(0);

        // A client that retries (the SDKs do by default) tries again on its own: the 503 is retryable.
        const retrying = clientFor(emulator, { maxAttempts: 2 });
        const retried = await startWith(retrying, 'outage-retried');
        retrying.destroy();
        expect(retried.ok).toBe(false);
        if (!retried.ok) expect(retried.error.$metadata.attempts).toBe(2);

        redis = await startLocalRedis({ dir, port: redis.port });
        await until('the health route says healthy again', async () => (await health(emulator)).status === 200);
        const ackedAtRecovery = acknowledged.size;
        await until('100 more starts acknowledged after the restart', () => acknowledged.size >= ackedAtRecovery + 100);
      } finally {
        running = false; // also when an expectation above failed: no worker outlives the test
        await settlesWithin('the workers', Promise.all(workers));
      }

      expect(ackedBeforeKill).toBeGreaterThanOrEqual(300);
      for (const error of refused) expectStoreUnavailable(error);

      // Every acknowledged token, before, during and after the outage, replays its own contact.
      const tokens = [...acknowledged.keys()];
      const lost: string[] = [];
      for (let i = 0; i < tokens.length; i += 50) {
        const batch = tokens.slice(i, i + 50);
        const replays = await Promise.all(batch.map((token) => startWith(client, token)));
        replays.forEach((replay, j) => {
          const token = batch[j]!;
          if (!replay.ok || replay.contactId !== acknowledged.get(token)) lost.push(token);
        });
      }
      expect(lost).toEqual([]);

      // One line when it went down, naming the store and its address; one when it came back, with
      // the count; nothing else (no stack trace, no line per refused request).
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain(`redis 127.0.0.1:${redis.port} unreachable`);
      expect(lines[1]).toContain(`redis 127.0.0.1:${redis.port} reachable again`);
      expect(lines[1]).toContain(`${refused.length + 2} requests got 503`); // the workers' and both attempts of the retrying client
      expect(lines.join('\n')).not.toMatch(/\n\s+at /);
    });

    it('a Redis that stops answering (SIGSTOP): 503 once the command timeout passes, healthy again after SIGCONT', async () => {
      const c = clientFor(emulator);
      try {
        expect((await startWith(c, `before-hang-${Date.now()}`)).ok).toBe(true);
        process.kill(redis.pid, 'SIGSTOP');
        const hung = await settlesWithin('a start against a hung Redis', startWith(c, `hung-${Date.now()}`));
        expect(hung.ok).toBe(false);
        if (!hung.ok) expectStoreUnavailable(hung.error);
        expect((await health(emulator)).status).toBe(503);
        // Until Redis answers again, starts are refused at once, not after another timeout each.
        const meanwhile = await startWith(c, `meanwhile-${Date.now()}`);
        if (!meanwhile.ok) expectStoreUnavailable(meanwhile.error);
        expect(meanwhile.ok).toBe(false);
      } finally {
        process.kill(redis.pid, 'SIGCONT');
      }
      await until('the health route says healthy again', async () => (await health(emulator)).status === 200);
      expect((await startWith(c, `after-hang-${Date.now()}`)).ok).toBe(true);
      c.destroy();
      expect(lines.slice(-2)[0]).toMatch(/unreachable \(no answer within \d+ ms\)/);
      expect(lines.slice(-1)[0]).toContain('reachable again');
    });

    it('a claim an older emulator version left pending (its holder crashed) delays its token only until the claim lapses', async () => {
      await using short = await startEmulator({ port: 0, store: redis.url, quotas: { preset: 'unlimited' }, log: () => {} });
      const ClientToken = `crashed-holder-${Date.now()}`;
      // What such a holder leaves behind: its claim, which lapses with its request timeout.
      const scope = `${DEFAULT_ACCOUNT_ID}/${DEFAULT_REGION}/${instanceId}`;
      const key = `connect-emulator:token:${scope}:${ClientToken}`;
      const redisClient = new Redis(redis.url);
      await redisClient.set(key, 'p:crashed-holder', 'PX', 300);

      const c = clientFor(short);
      const answer = await settlesWithin('a start behind the crashed claim', startWith(c, ClientToken));
      c.destroy();
      const held = await redisClient.get(key);
      redisClient.disconnect();
      expect(answer.ok).toBe(true);
      if (answer.ok) expect(held?.startsWith(`r:${answer.contactId}|`)).toBe(true);
    });
  },
);
