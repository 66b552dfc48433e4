// InfluxDB killed under load and started again on the same port and data directory: the emulator
// answers every request throughout, the exporter's buffer never passes its bound (drops are counted
// instead), and writing resumes by itself. Points of requests made while InfluxDB was up are all
// there, exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { availability } from '../../harness/services/availability.ts';
import { createInfluxDatabase } from '../../harness/services/influx-http.ts';
import { startLocalInflux, type LocalInflux } from '../../harness/services/local-influxdb.ts';
import { describeWithService } from '../support/service-guard.ts';
import { sdkClient, startInput, startObservedEmulator } from './emulator-traffic.ts';
import { pointsByOutcome, total, waitFor } from './influx-counts.ts';

const found = await availability('influxdb', { localOnly: true });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** An InfluxQL time bound from epoch milliseconds. */
const ns = (ms: number) => `${ms}000000`;

describeWithService(found, 'exporter through an InfluxDB outage', () => {
  it('answers every request, stays within its bound, counts drops, and writes again once InfluxDB is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-outage-'));
    let influx: LocalInflux | undefined;
    const testId = `outage-${randomUUID().slice(0, 8)}`;
    const capacity = 300;
    try {
      influx = await startLocalInflux({ dir });
      await createInfluxDatabase(influx.url, 'k6');
      const { emulator, exporter } = await startObservedEmulator(
        { target: `${influx.url}/k6`, testId, slot: 3, capacity, batchSize: 100, flushIntervalMs: 100, writeTimeoutMs: 2_000 },
        { quotas: { preset: 'unlimited' } },
      );
      const client = sdkClient(emulator.url);
      const send = async (n: number): Promise<number> => {
        const results = await Promise.allSettled(Array.from({ length: n }, () => client.send(new StartWebRTCContactCommand(startInput()))));
        return results.filter((r) => r.status === 'fulfilled').length;
      };
      try {
        // Up: every point arrives.
        const upStart = Date.now();
        expect(await send(100)).toBe(100);
        await waitFor('points before the outage', () => pointsByOutcome(influx!.url, testId), (c) => total(c) === 100);
        await sleep(5);
        const killedAt = Date.now();
        await influx.kill();

        // Down: requests keep being answered; the buffer stays bounded; drops and failures are counted.
        let answered = 0;
        let maxBuffered = 0;
        for (let round = 0; round < 20; round++) {
          answered += await send(100);
          maxBuffered = Math.max(maxBuffered, exporter.stats().buffered);
        }
        expect(answered).toBe(2000);
        expect(maxBuffered).toBeLessThanOrEqual(capacity);
        const down = exporter.stats();
        expect(down.maxBuffered).toBeLessThanOrEqual(capacity);
        expect(down.dropped).toBeGreaterThanOrEqual(2000 - capacity);
        expect(down.failedWrites).toBeGreaterThan(0);

        // Back on the same port and data directory: writing resumes without help.
        influx = await startLocalInflux({ dir, port: influx.port });
        const writtenBefore = down.written;
        await sleep(5);
        const backAt = Date.now();
        expect(await send(100)).toBe(100);
        await waitFor('points after recovery', () => pointsByOutcome(influx!.url, testId, `time >= ${ns(backAt)}`), (c) => total(c) === 100);
        expect(exporter.stats().written).toBeGreaterThan(writtenBefore);

        // Exactly once each: nothing lost or overwritten while InfluxDB was up, before or after.
        expect(total(await pointsByOutcome(influx.url, testId, `time >= ${ns(upStart)} AND time < ${ns(killedAt)}`))).toBe(100);
        expect(total(await pointsByOutcome(influx.url, testId, `time >= ${ns(backAt)}`))).toBe(100);
      } finally {
        client.destroy();
        await emulator.close();
      }
    } finally {
      await influx?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
