// A dashboard from its panels: the testid variable, links between the harness dashboards, and a
// grid layout by order (two panels a row unless a panel asks for more width).
import { influxDataSource } from './datasource.ts';
import { testIdVariable } from './influxql.ts';
import type { Dashboard, GridPos, QueryVariable } from './model.ts';
import { timeseries, type PanelDef } from './panels.ts';
import { tagKeys } from '../../harness/contract/metric-names.ts';

/** Every harness dashboard carries this tag; the links menu lists them by it. */
export const harnessTag = 'connect-harness';

const GRID_WIDTH = 24;
const PANEL_WIDTH = 12;
const PANEL_HEIGHT = 8;

export function testIdTemplate(): QueryVariable {
  const query = `SHOW TAG VALUES WITH KEY = "${tagKeys.testId}"`;
  return {
    name: testIdVariable,
    label: 'Test id',
    type: 'query',
    datasource: influxDataSource,
    query,
    definition: query,
    refresh: 2,
    includeAll: true,
    allValue: '.*',
    multi: true,
    sort: 1,
    current: { selected: true, text: ['All'], value: ['$__all'] },
  };
}

function layout(defs: readonly PanelDef[]): GridPos[] {
  const out: GridPos[] = [];
  let x = 0;
  let y = 0;
  for (const def of defs) {
    const w = def.width ?? PANEL_WIDTH;
    if (x + w > GRID_WIDTH) {
      x = 0;
      y += PANEL_HEIGHT;
    }
    out.push({ x, y, w, h: PANEL_HEIGHT });
    x += w;
  }
  return out;
}

export function dashboard(spec: { uid: string; title: string; description: string; panels: readonly PanelDef[] }): Dashboard {
  const grid = layout(spec.panels);
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: [harnessTag],
    schemaVersion: 39,
    version: 1,
    editable: true,
    graphTooltip: 1,
    timezone: 'browser',
    refresh: '5s',
    time: { from: 'now-15m', to: 'now' },
    templating: { list: [testIdTemplate()] },
    annotations: { list: [] },
    links: [{ title: 'Harness dashboards', type: 'dashboards', tags: [harnessTag], asDropdown: false, includeVars: true, keepTime: true }],
    panels: spec.panels.map((def, i) => timeseries(def, i + 1, grid[i]!)),
  };
}
