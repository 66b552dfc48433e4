// The checked-in dashboards/*.json must be what dashboards/build.ts writes now: Grafana provisions
// the JSON, so a TypeScript edit without a rebuild would silently not ship.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDashboards, dashboardJson } from '../../dashboards/all-dashboards.ts';

const dir = join(import.meta.dirname, '..', '..', 'dashboards');

describe('dashboards/*.json', () => {
  for (const { file, dashboard } of allDashboards()) {
    it(`${file} is up to date (else run: npx tsx dashboards/build.ts)`, () => {
      const checkedIn = readFileSync(join(dir, file), 'utf8');
      // Compared as text, then as data for a readable difference.
      if (checkedIn !== dashboardJson(dashboard)) expect(JSON.parse(checkedIn)).toEqual(JSON.parse(dashboardJson(dashboard)));
      expect(checkedIn).toBe(dashboardJson(dashboard));
    });
  }
});
