// Writes dashboards/*.json from the TypeScript definitions: `npx tsx dashboards/build.ts`.
// The JSON is checked in (Grafana provisions it as is); test/dashboards fails when it is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allDashboards, dashboardJson } from './all-dashboards.ts';

if (process.argv.length > 2) {
  const help = process.argv.includes('--help') || process.argv.includes('-h');
  if (help) process.stdout.write('usage: npm run dashboards   (rewrites dashboards/*.json from the TypeScript)\n');
  else process.stderr.write(`dashboards: takes no arguments, got ${process.argv.slice(2).join(' ')}; run npm run dashboards -- --help\n`);
  process.exit(help ? 0 : 2);
}
for (const { file, dashboard } of allDashboards()) {
  writeFileSync(join(import.meta.dirname, file), dashboardJson(dashboard));
  process.stdout.write(`wrote dashboards/${file}: ${dashboard.panels.length} panels\n`);
}
