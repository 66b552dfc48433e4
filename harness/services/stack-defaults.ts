// What the local debugging stack is, stated once: docker-compose.yml and `npm run stack` must give
// the same emulator (quotas, port, test id) and the same InfluxDB database, so that every command
// docs/compose.md prints works against either. YAML cannot import this file, so a test reads
// docker-compose.yml and compares it with these values (test/services/stack.test.ts).
import { DEFAULT_PORT } from '../contract/defaults.ts';
import { exporterDefaults } from '../emulator/metrics/influx-exporter.ts';
import type { QuotaPreset } from '../emulator/quotas.ts';

export const stackDefaults = {
  /** Unlimited, so that `k6 run scenarios/load.ts` (20/s) measures the path, not the 2/s quota. */
  quotas: 'unlimited' satisfies QuotaPreset as QuotaPreset,
  /** The metrics' testid tag on the emulator's side; k6's is TEST_ID, default the same. */
  testId: exporterDefaults.testId,
  /** The database k6 and the emulator write to. */
  database: 'k6',
  /** Ports on 127.0.0.1, taken when free: the emulator's default (the scenarios' TARGET_URL), InfluxDB's and Redis's own. */
  ports: { emulator: DEFAULT_PORT, influxdb: 8086, redis: 6379 },
} as const;
