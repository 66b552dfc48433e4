// The debugging stack without Docker: InfluxDB and Redis (containers or local binaries, as
// availability() finds them) and the emulator writing its metrics to that InfluxDB and keeping
// ClientTokens in that Redis. Prints where each answers; Ctrl-C stops all and removes temp dirs.
//
//   npx tsx harness/services/local-stack.ts [--port 4599] [--test-id local] [--quotas aws-default|unlimited]
//
// Then point k6 at it: k6 run --out influxdb=<InfluxDB URL>/k6 --tag testid=<test id> scenarios/load.ts
import { parseArgs } from 'node:util';
import type { QuotaPreset } from '../emulator/quotas.ts';
import { exporterDefaults } from '../emulator/metrics/influx-exporter.ts';
import type { RunningService } from './running-service.ts';
import { startEmulatorService } from './start-emulator.ts';
import { startInfluxDB } from './start-influxdb.ts';
import { startRedis } from './start-redis.ts';

const { values } = parseArgs({ options: { port: { type: 'string' }, 'test-id': { type: 'string' }, quotas: { type: 'string' } } });
const testId = values['test-id'] ?? exporterDefaults.testId;
const started: RunningService[] = [];
try {
  const influx = await startInfluxDB('k6');
  started.push(influx);
  const redis = await startRedis();
  started.push(redis);
  const emulator = await startEmulatorService(
    { port: Number(values.port ?? 4599), store: redis.url, quotas: { preset: (values.quotas ?? 'aws-default') as QuotaPreset } },
    { target: `${influx.url}/k6`, testId, log: (line) => process.stderr.write(`emulator: ${line}\n`) },
  );
  started.unshift(emulator);
  process.stdout.write(
    `influxdb  ${influx.url} (${influx.kind}), database k6\nredis     ${redis.url} (${redis.kind})\nemulator  ${emulator.url}, metrics tagged testid=${testId}\n` +
      `k6        k6 run --out influxdb=${influx.url}/k6 --tag testid=${testId} scenarios/load.ts\nCtrl-C stops everything.\n`,
  );
  // `on`, not `once`: npx and tsx relay a terminal's Ctrl-C, so it can arrive twice, and a second
  // one without a listener would kill the process halfway through stopping the services.
  await new Promise<void>((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
} catch (error) {
  process.stderr.write(`local-stack: ${(error as Error).message}\n`);
  process.exitCode = 2;
} finally {
  for (const service of started) await service.stop().catch(() => {});
}
