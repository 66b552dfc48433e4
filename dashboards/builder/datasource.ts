// The one data source every panel and variable uses. Its uid is fixed here and in
// provisioning/datasources/influxdb.yaml, so provisioned dashboards find it without a lookup.
import type { DataSourceRef } from './model.ts';

export const influxDataSource: DataSourceRef = { type: 'influxdb', uid: 'harness-influxdb' };

/** The database k6 (`--out influxdb=http://host:8086/k6`) and the emulator (`--influx http://host:8086/k6`) write. */
export const influxDatabase = 'k6';
