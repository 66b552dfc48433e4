// What every panel must have for the dashboards to work in the compose stack: scoped by the test
// id variable and Grafana's time range, bucketed by its interval, on the provisioned data source.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDashboards } from '../../dashboards/all-dashboards.ts';
import { influxDataSource, influxDatabase } from '../../dashboards/builder/datasource.ts';
import { testIdFilter, testIdVariable } from '../../dashboards/builder/influxql.ts';
import { panelQueries } from './panel-queries.ts';

const root = join(import.meta.dirname, '..', '..');
const dashboards = allDashboards();

describe('dashboard structure', () => {
  it.each(dashboards.flatMap(({ dashboard }) => panelQueries(dashboard)))('$dashboard / $panel ($refId) is scoped by testid, time filter and interval', ({ query }) => {
    expect(query).toContain(`WHERE ${testIdFilter} AND $timeFilter`);
    expect(query).toMatch(/ GROUP BY time\(\$__interval\)/);
  });

  it.each(dashboards)('$file has the testid variable, unique panel ids and the provisioned data source', ({ dashboard }) => {
    expect(dashboard.templating.list.map((v) => v.name)).toEqual([testIdVariable]);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels) {
      expect(panel.datasource).toEqual(influxDataSource);
      for (const t of panel.targets) expect(t.datasource).toEqual(influxDataSource);
    }
  });

  it('the provisioned data source has the uid and database the panels use', () => {
    const yaml = readFileSync(join(root, 'dashboards', 'provisioning', 'datasources', 'influxdb.yaml'), 'utf8');
    expect(yaml).toMatch(new RegExp(`^\\s+uid: ${influxDataSource.uid}$`, 'm'));
    expect(yaml).toMatch(new RegExp(`^\\s+dbName: ${influxDatabase}$`, 'm'));
  });

  it('docker-compose.yml opens Grafana on the first dashboard, and provisions from where it mounts them', () => {
    const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    const provider = readFileSync(join(root, 'dashboards', 'provisioning', 'dashboards', 'harness.yaml'), 'utf8');
    const path = /^\s+path: (\S+)$/m.exec(provider)?.[1];
    expect(path).toBeDefined();
    expect(compose).toContain(`./dashboards:${path}:ro`);
    expect(compose).toContain(`GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH: ${path}/${dashboards[0]!.file}`);
  });

  it('every panel and the dashboard say what they show', () => {
    for (const { dashboard } of dashboards) {
      expect(dashboard.description).not.toBe('');
      for (const panel of dashboard.panels) expect(panel.description.length).toBeGreaterThan(10);
    }
  });
});
