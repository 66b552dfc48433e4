// InfluxDB 1.x for tests and local use, the way availability() found: container or local influxd.
import { availability } from './availability.ts';
import { loadTestcontainers, startInfluxContainer } from './containers.ts';
import { createInfluxDatabase } from './influx-http.ts';
import { startLocalInflux } from './local-influxdb.ts';
import type { RunningService } from './running-service.ts';

/** Starts InfluxDB with `database` created; throws, saying why, when it cannot be had. */
export async function startInfluxDB(database = 'k6'): Promise<RunningService> {
  const found = await availability('influxdb');
  let influx: RunningService;
  if (found.how === 'container') influx = await startInfluxContainer((await loadTestcontainers())!, database);
  else if (found.how === 'local') influx = await startLocalInflux();
  else throw new Error(`InfluxDB: ${found.reason}`);
  await createInfluxDatabase(influx.url, database);
  return influx;
}
