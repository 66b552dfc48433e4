// `connect-harness emulator --influx URL --test-id ID`, as docker-compose.yml runs it: a separate
// process whose requests reach InfluxDB under that test id, flushed when it stops on SIGTERM; and
// the usage errors, with exit status 2.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { describe, expect, it } from 'vitest';
import { availability } from '../../harness/services/availability.ts';
import { spawnServer } from '../../harness/services/child-process.ts';
import { startInfluxDB } from '../../harness/services/start-influxdb.ts';
import { describeWithService } from '../support/service-guard.ts';
import { sdkClient, startInput } from './emulator-traffic.ts';
import { pointsByOutcome, waitFor } from './influx-counts.ts';

const bin = resolve(import.meta.dirname, '..', '..', 'bin', 'connect-harness.js');
const run = promisify(execFile);
const found = await availability('influxdb');

async function exitOf(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [bin, 'emulator', ...args], { timeout: 20_000 });
    return { code: 0, stderr: '' };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe('emulator command: --influx usage', () => {
  it('refuses --test-id without --influx, and a URL that names no database, with exit 2', async () => {
    const lone = await exitOf(['--port', '0', '--test-id', 'x']);
    expect(lone.code).toBe(2);
    expect(lone.stderr).toMatch(/--test-id .*--influx/);
    const noDb = await exitOf(['--port', '0', '--influx', 'http://127.0.0.1:8086']);
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toMatch(/--influx: .*names no database/);
  });
});

describeWithService(found, 'emulator command with --influx', () => {
  it('writes its requests under the test id and flushes them when stopped', async () => {
    const influx = await startInfluxDB('k6');
    const testId = `cli-${randomUUID().slice(0, 8)}`;
    const emulator = spawnServer(process.execPath, [bin, 'emulator', '--port', '0', '--quotas', 'unlimited', '--influx', `${influx.url}/k6`, '--test-id', testId]);
    try {
      const url = await waitFor('the listening line', async () => /emulator listening on (http:\/\/\S+)/.exec(emulator.output())?.[1], (u) => u !== undefined, 20_000);
      // The metrics line goes to stderr, the listening line to stdout: wait for the line asserted.
      const metricsLine = `metrics InfluxDB ${influx.url} database k6, testid ${testId}`;
      await waitFor('the metrics line', async () => emulator.output(), (output) => output.includes(metricsLine), 20_000);
      const client = sdkClient(url!);
      await Promise.all(Array.from({ length: 25 }, () => client.send(new StartWebRTCContactCommand(startInput()))));
      client.destroy();
      await emulator.stop();
      expect(Object.fromEntries(await pointsByOutcome(influx.url, testId))).toEqual({ accepted: 25 });
    } finally {
      await emulator.stop();
      await influx.stop();
    }
  });
});
