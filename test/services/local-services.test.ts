// The services the integration tests and local-stack.ts start: each answers at its url, a restarted
// InfluxDB keeps its data, the emulator service runs on Redis with metrics on, and stop() leaves no
// temporary directory behind.
import { existsSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { availability } from '../../harness/services/availability.ts';
import { createInfluxDatabase, pingInflux, queryInflux, writeInflux } from '../../harness/services/influx-http.ts';
import { startLocalInflux } from '../../harness/services/local-influxdb.ts';
import { pingRedis, startLocalRedis } from '../../harness/services/local-redis.ts';
import { startEmulatorService } from '../../harness/services/start-emulator.ts';
import { startInfluxDB } from '../../harness/services/start-influxdb.ts';
import { startRedis } from '../../harness/services/start-redis.ts';
import { sdkClient, startInput } from '../metrics/emulator-traffic.ts';
import { describeWithService } from '../support/service-guard.ts';

const [localInflux, localRedis, influxAny, redisAny] = await Promise.all([
  availability('influxdb', { localOnly: true }),
  availability('redis', { localOnly: true }),
  availability('influxdb'),
  availability('redis'),
]);

describeWithService(localInflux, 'local influxd', () => {
  it('answers on a free port, keeps its data across a restart on the same port, and cleans its temp dir', async () => {
    const first = await startLocalInflux();
    expect(await pingInflux(first.url)).toBe(true);
    expect(existsSync(first.dir)).toBe(true);
    await createInfluxDatabase(first.url, 'k6');
    await writeInflux(first.url, 'k6', 'restart_probe value=1 1000000000\n');
    await first.kill();
    expect(await pingInflux(first.url)).toBe(false);
    const again = await startLocalInflux({ dir: first.dir, port: first.port });
    const result = await queryInflux(again.url, 'k6', 'SELECT count("value") FROM "restart_probe"');
    expect(result.series?.[0]?.values[0]?.[1]).toBe(1);
    await again.stop(); // the caller's directory: kept
    expect(existsSync(first.dir)).toBe(true);
    const owned = await startLocalInflux({ dir: undefined });
    await owned.stop();
    expect(existsSync(owned.dir)).toBe(false);
    // first.dir was made by `first`, which was killed, not stopped: remove it the way stop() would.
    rmSync(first.dir, { recursive: true, force: true });
  });
});

describeWithService(localRedis, 'local redis-server', () => {
  it('answers PING on a free port and stops', async () => {
    const redis = await startLocalRedis();
    expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(await pingRedis(redis.port)).toBe(true);
    await redis.stop();
    expect(await pingRedis(redis.port)).toBe(false);
  });

  it('keeps an acknowledged write across kill -9 and a restart on the same port and directory', async () => {
    const first = await startLocalRedis();
    const client = new Redis(first.url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    client.on('error', () => {});
    await client.connect();
    await client.set('durability-probe', 'acknowledged');
    client.disconnect();
    await first.kill(); // no time to snapshot or shut down: only the append-only file is left
    const again = await startLocalRedis({ dir: first.dir, port: first.port });
    const reader = new Redis(again.url, { lazyConnect: true });
    await reader.connect();
    expect(await reader.get('durability-probe')).toBe('acknowledged');
    reader.disconnect();
    await again.stop(); // the caller's directory: kept
    expect(existsSync(first.dir)).toBe(true);
    rmSync(first.dir, { recursive: true, force: true });
  });
});

describeWithService(influxAny, 'emulator service with InfluxDB and Redis', () => {
  it.skipIf(redisAny.skip !== undefined || redisAny.mustFail)('starts the emulator on Redis with metrics on, and stops everything', async () => {
    const [influx, redis] = await Promise.all([startInfluxDB('k6'), startRedis()]);
    const testId = `service-${randomUUID().slice(0, 8)}`;
    const service = await startEmulatorService({ store: redis.url, quotas: { preset: 'unlimited' } }, { target: `${influx.url}/k6`, testId });
    try {
      expect(service.emulator.app.service.store.description).toMatch(/^redis /);
      const client = sdkClient(service.url);
      await client.send(new StartWebRTCContactCommand(startInput()));
      client.destroy();
      await service.stop();
      const result = await queryInflux(influx.url, 'k6', `SELECT count("count") FROM "emulator_requests" WHERE "testid" = '${testId}'`);
      expect(result.series?.[0]?.values[0]?.[1]).toBe(1);
    } finally {
      await service.stop();
      await Promise.all([influx.stop(), redis.stop()]);
    }
  });
});
