// InfluxDB 1.x for tests and local use, the way availability() found: container or local influxd.
import { availability } from './availability.ts';
import { loadTestcontainers, startInfluxContainer } from './containers.ts';
import { createInfluxDatabase } from './influx-http.ts';
import { startLocalInflux } from './local-influxdb.ts';
import type { RunningService } from './running-service.ts';

/**
 * Starts InfluxDB with `database` created; throws, saying why, when it cannot be had. `port`: the
 * port on 127.0.0.1 it answers on (default: any free one).
 */
export async function startInfluxDB(database = 'k6', options: { port?: number } = {}): Promise<RunningService> {
  const found = await availability('influxdb');
  let influx: RunningService;
  if (found.how === 'container') influx = await startInfluxContainer((await loadTestcontainers())!, database, options.port);
  else if (found.how === 'local') influx = await startLocalInflux(options.port === undefined ? {} : { port: options.port });
  else throw new Error(`InfluxDB: ${found.reason}`);
  await createInfluxDatabase(influx.url, database);
  return influx;
}
