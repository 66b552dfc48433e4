// An InfluxDB that accepts connections and never answers a write: the worst case for a writer.
// The exporter keeps one write in flight at a time, gives up on it at its deadline, never lets its
// buffer pass the bound, answers requests as usual, and close() gives up on the hanging write.
// The stand-in is a bare HTTP server on 127.0.0.1: no influxd needed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLines } from '../../harness/emulator/metrics/influx-writer.ts';
import { HANG_GUARD_MS, settlesWithin } from '../support/hang-guard.ts';
import { waitFor } from './influx-counts.ts';
import { sdkClient, startInput, startObservedEmulator } from './emulator-traffic.ts';

interface HangingInflux {
  readonly url: string;
  /** One entry per write that arrived. */
  readonly arrivals: number;
  close(): Promise<void>;
}

async function hangingInflux(): Promise<HangingInflux> {
  let arrivals = 0;
  const held: ServerResponse[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    if (!req.url?.startsWith('/write')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"results":[{"statement_id":0}]}');
      return;
    }
    arrivals++;
    held.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get arrivals() {
      return arrivals;
    },
    close: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('exporter against an InfluxDB that never answers', () => {
  let influx: HangingInflux;
  beforeAll(async () => {
    influx = await hangingInflux();
  });
  afterAll(async () => {
    await influx?.close();
  });

  it('holds one write at a time, drops past its bound, keeps answering, and closes without waiting for it', async () => {
    // Writes in flight, counted where they start and settle: in this process, so without the race
    // a server-side count has with the client's abort.
    let writing = 0;
    let maxWriting = 0;
    const write: typeof writeLines = (...args) => {
      maxWriting = Math.max(maxWriting, ++writing);
      return writeLines(...args).finally(() => writing--);
    };
    const capacity = 200;
    const writeTimeoutMs = 300;
    const closeTimeoutMs = 500;
    const { emulator, exporter } = await startObservedEmulator(
      { target: `${influx.url}/k6`, testId: `slow-${randomUUID().slice(0, 8)}`, slot: 4, capacity, batchSize: 50, flushIntervalMs: 50, writeTimeoutMs, closeTimeoutMs, write },
      { quotas: { preset: 'unlimited' } },
    );
    const client = sdkClient(emulator.url);
    let answered = 0;
    const rounds = 10;
    for (let round = 0; round < rounds; round++) {
      const results = await Promise.allSettled(Array.from({ length: 100 }, () => client.send(new StartWebRTCContactCommand(startInput()))));
      answered += results.filter((r) => r.status === 'fulfilled').length;
      expect(exporter.stats().buffered).toBeLessThanOrEqual(capacity);
    }
    // Wait for the thing asserted: a write that reached its deadline, and a second one tried after it.
    await waitFor('a write given up at its deadline, then another tried', async () => ({ failed: exporter.stats().failedWrites, tried: influx.arrivals }), (v) => v.failed > 0 && v.tried > 1, HANG_GUARD_MS);
    client.destroy();

    expect(answered).toBe(rounds * 100);
    const stats = exporter.stats();
    expect(stats.maxBuffered).toBe(capacity);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.failedWrites).toBeGreaterThan(0);
    expect(stats.written).toBe(0);
    // Several writes were tried, each held to its deadline, never two at once.
    expect(influx.arrivals).toBeGreaterThan(1);
    expect(maxWriting).toBe(1);

    // close() gives up on the write that never ends instead of waiting for it.
    await settlesWithin('close() with a write that never ends', emulator.close());
    // Every request's point was either written or counted as dropped: nothing vanished unaccounted.
    const final = exporter.stats();
    expect(final.buffered).toBe(0);
    expect(final.dropped).toBeGreaterThanOrEqual(rounds * 100);
    expect(maxWriting).toBe(1);
  });
});
