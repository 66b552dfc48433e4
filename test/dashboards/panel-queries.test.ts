// Every panel query of every dashboard, run against a real InfluxDB 1.x holding what the emulator's
// exporter wrote for SDK traffic (every outcome, shed requests included) and k6-layout samples, with Grafana's variables
// substituted for one test id: each must parse and return data. Grafana cannot run here; its
// queries can. Another test id's data must not leak into this one's panels.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allDashboards } from '../../dashboards/all-dashboards.ts';
import { influxDatabase } from '../../dashboards/builder/datasource.ts';
import { availability } from '../../harness/services/availability.ts';
import { queryInflux, writeInflux, type InfluxResult } from '../../harness/services/influx-http.ts';
import type { RunningService } from '../../harness/services/running-service.ts';
import { startInfluxDB } from '../../harness/services/start-influxdb.ts';
import { driveFaultTraffic, driveQuotaTraffic, driveShedTraffic, startObservedEmulator } from '../metrics/emulator-traffic.ts';
import { describeWithService } from '../support/service-guard.ts';
import { k6Samples } from './k6-samples.ts';
import { panelQueries, substitute } from './panel-queries.ts';
import { until } from '../support/hang-guard.ts';

const found = await availability('influxdb');
const queries = allDashboards().flatMap(({ dashboard }) => panelQueries(dashboard));

/** Non-null values in any series (the time column aside). */
function dataPoints(result: InfluxResult): number {
  let n = 0;
  for (const series of result.series ?? []) for (const row of series.values) n += row.slice(1).filter((v) => v !== null).length;
  return n;
}

describeWithService(found, 'dashboard queries against InfluxDB', () => {
  let influx: RunningService;
  const testId = `dash-${randomUUID().slice(0, 8)}`;
  const otherTestId = `other-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    influx = await startInfluxDB(influxDatabase);
    const target = `${influx.url}/${influxDatabase}`;
    const quota = await startObservedEmulator({ target, testId, slot: 5 }, { quotas: { preset: 'aws-default' } });
    const faults = await startObservedEmulator({ target, testId, slot: 6 }, { quotas: { preset: 'unlimited' }, faults: { faultRate: 0.3, seed: 5 } });
    const shedding = await startObservedEmulator({ target, testId, slot: 7 }, { quotas: { preset: 'unlimited' }, admission: { maxInFlight: 1 } });
    await Promise.all([driveQuotaTraffic(quota.emulator.url), driveFaultTraffic(faults.emulator.url), driveShedTraffic(shedding.emulator)]);
    // A write acknowledged, so that the health sample close() takes reports writes.
    await until('a write acknowledged by InfluxDB', () => [quota, faults, shedding].every((o) => o.exporter.stats().written > 0));
    await Promise.all([quota.emulator.close(), faults.emulator.close(), shedding.emulator.close()]);
    await writeInflux(influx.url, influxDatabase, k6Samples(testId));
  });
  afterAll(async () => {
    await influx?.stop();
  });

  it('the testid variable lists the test id', async () => {
    const variable = allDashboards()[0]!.dashboard.templating.list[0]!;
    const result = await queryInflux(influx.url, influxDatabase, variable.query);
    expect(result.series?.flatMap((s) => s.values.map((v) => v[1]))).toContain(testId);
  });

  it.each(queries)('$dashboard / $panel ($refId) returns data', async ({ query }) => {
    const result = await queryInflux(influx.url, influxDatabase, substitute(query, testId));
    expect(dataPoints(result), substitute(query, testId)).toBeGreaterThan(0);
  });

  it.each(queries)('$dashboard / $panel ($refId) shows nothing for another test id', async ({ query }) => {
    const result = await queryInflux(influx.url, influxDatabase, substitute(query, otherTestId));
    expect(dataPoints(result)).toBe(0);
  });
});
