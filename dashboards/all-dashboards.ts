// Every dashboard and the file it is written to, in one list: build.ts writes them, the staleness
// test compares them, the query test runs every panel of each against a real InfluxDB.
import type { Dashboard } from './builder/model.ts';
import { emulatorDashboard } from './emulator.ts';
import { k6LoadDashboard } from './k6-load.ts';

export interface DashboardFile {
  /** Relative to dashboards/. */
  readonly file: string;
  readonly dashboard: Dashboard;
}

/** The home dashboard (docker-compose.yml opens Grafana on it) comes first. */
export function allDashboards(): DashboardFile[] {
  return [
    { file: 'k6-load.json', dashboard: k6LoadDashboard() },
    { file: 'emulator.json', dashboard: emulatorDashboard() },
  ];
}

/** The exact text of a dashboard file. */
export function dashboardJson(dashboard: Dashboard): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}
