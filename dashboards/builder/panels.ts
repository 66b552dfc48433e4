// Panels with the defaults these dashboards share. Layout is left to dashboard() (grid position by order).
import { influxDataSource } from './datasource.ts';
import { influxql, type QuerySpec } from './influxql.ts';
import type { FieldOverride, GridPos, InfluxTarget, Panel } from './model.ts';

export interface QueryDef extends QuerySpec {
  /** Legend pattern, e.g. "$tag_outcome" or "$col $tag_outcome". */
  readonly alias?: string;
}

export interface PanelDef {
  readonly title: string;
  /** What the panel answers, shown as the panel's help. */
  readonly description: string;
  readonly queries: readonly QueryDef[];
  readonly unit: string;
  readonly style?: 'line' | 'bars';
  readonly min?: number;
  readonly max?: number;
  readonly overrides?: readonly FieldOverride[];
  /** Wider than the default half row. */
  readonly width?: number;
}

const refIds = 'ABCDEFGHIJ';

function target(query: QueryDef, index: number): InfluxTarget {
  const base = { refId: refIds[index]!, datasource: influxDataSource, rawQuery: true as const, query: influxql(query), resultFormat: 'time_series' as const };
  return query.alias === undefined ? base : { ...base, alias: query.alias };
}

export function timeseries(def: PanelDef, id: number, gridPos: GridPos): Panel {
  const defaults: Record<string, unknown> = {
    unit: def.unit,
    custom: def.style === 'bars' ? { drawStyle: 'bars', fillOpacity: 60, lineWidth: 1 } : { drawStyle: 'line', fillOpacity: 10, lineWidth: 1, showPoints: 'never' },
  };
  if (def.min !== undefined) defaults.min = def.min;
  if (def.max !== undefined) defaults.max = def.max;
  return {
    id,
    type: 'timeseries',
    title: def.title,
    description: def.description,
    datasource: influxDataSource,
    gridPos,
    targets: def.queries.map(target),
    fieldConfig: { defaults, overrides: def.overrides ?? [] },
    options: {
      legend: { displayMode: 'table', placement: 'bottom', showLegend: true, calcs: ['mean', 'max'] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
  };
}

/** Draws series whose name matches `pattern` as a red dashed line: a limit, not a measurement. */
export function limitLine(pattern: string): FieldOverride {
  return {
    matcher: { id: 'byRegexp', options: pattern },
    properties: [
      { id: 'color', value: { mode: 'fixed', fixedColor: 'red' } },
      { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
      { id: 'custom.fillOpacity', value: 0 },
    ],
  };
}
