// The part of Grafana's dashboard JSON model (schemaVersion 39, Grafana 11) these dashboards use.
// Plain data: what build.ts writes is exactly these objects, serialised.

export interface DataSourceRef {
  readonly type: 'influxdb';
  readonly uid: string;
}

/** An InfluxQL target in raw mode: the query text is what Grafana sends, after variable substitution. */
export interface InfluxTarget {
  readonly refId: string;
  readonly datasource: DataSourceRef;
  readonly rawQuery: true;
  readonly query: string;
  readonly resultFormat: 'time_series';
  /** Series name pattern: $col, $tag_<key>. */
  readonly alias?: string;
}

export interface GridPos {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface FieldOverride {
  readonly matcher: { readonly id: 'byRegexp' | 'byName'; readonly options: string };
  readonly properties: readonly { readonly id: string; readonly value: unknown }[];
}

export interface Panel {
  readonly id: number;
  readonly type: 'timeseries' | 'stat';
  readonly title: string;
  readonly description: string;
  readonly datasource: DataSourceRef;
  readonly gridPos: GridPos;
  readonly targets: readonly InfluxTarget[];
  readonly fieldConfig: { readonly defaults: Readonly<Record<string, unknown>>; readonly overrides: readonly FieldOverride[] };
  readonly options: Readonly<Record<string, unknown>>;
}

export interface QueryVariable {
  readonly name: string;
  readonly label: string;
  readonly type: 'query';
  readonly datasource: DataSourceRef;
  readonly query: string;
  readonly definition: string;
  readonly refresh: 1 | 2;
  readonly includeAll: boolean;
  readonly allValue: string;
  readonly multi: boolean;
  readonly sort: number;
  readonly current: Readonly<Record<string, unknown>>;
}

export interface DashboardLink {
  readonly title: string;
  readonly type: 'dashboards';
  readonly tags: readonly string[];
  readonly asDropdown: false;
  readonly includeVars: true;
  readonly keepTime: true;
}

export interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly schemaVersion: 39;
  readonly version: 1;
  readonly editable: true;
  readonly graphTooltip: 1;
  readonly timezone: 'browser';
  readonly refresh: string;
  readonly time: { readonly from: string; readonly to: string };
  readonly templating: { readonly list: readonly QueryVariable[] };
  readonly annotations: { readonly list: readonly unknown[] };
  readonly links: readonly DashboardLink[];
  readonly panels: readonly Panel[];
}
