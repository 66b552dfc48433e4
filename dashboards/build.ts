// Writes dashboards/*.json from the TypeScript definitions: `npx tsx dashboards/build.ts`.
// The JSON is checked in (Grafana provisions it as is); test/dashboards fails when it is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allDashboards, dashboardJson } from './all-dashboards.ts';

for (const { file, dashboard } of allDashboards()) {
  writeFileSync(join(import.meta.dirname, file), dashboardJson(dashboard));
  process.stdout.write(`wrote dashboards/${file}: ${dashboard.panels.length} panels\n`);
}
