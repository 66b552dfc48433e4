// InfluxQL for panels, built from names rather than typed by hand. Every query is scoped the same
// way, which a test checks on the emitted JSON: the `testid` variable, Grafana's time filter, and
// grouping by Grafana's interval.
import { tagKeys } from '../../harness/contract/metric-names.ts';

/** The name of the dashboard variable that picks test runs. */
export const testIdVariable = 'testid';

/** Every query's scope: regex match, so "All" (.*) and multi-select ((a|b)) work as Grafana formats them. */
export const testIdFilter = `"${tagKeys.testId}" =~ /^$${testIdVariable}$/`;

export interface QuerySpec {
  /** Measurement name (from metric-names.ts). */
  readonly from: string;
  /** Select expressions, e.g. percentile(field('value'), 95) + ' AS "p95"'. */
  readonly select: readonly string[];
  /** Extra conditions, joined with AND. */
  readonly where?: readonly string[];
  /** Tag keys to split series by. */
  readonly groupBy?: readonly string[];
  /** fill(null) leaves gaps; fill(0) for counts, where no sample means none happened. */
  readonly fill?: 'null' | '0' | 'none';
}

export const ident = (name: string): string => `"${name.replace(/"/g, '\\"')}"`;
const literal = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const regexLiteral = (source: string): string => `/${source.replace(/\//g, '\\/')}/`;

export const tagIs = (key: string, value: string): string => `${ident(key)} = ${literal(value)}`;
export const tagIn = (key: string, values: readonly string[]): string =>
  `${ident(key)} =~ ${regexLiteral(`^(${values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`)}`;

export const sum = (field: string): string => `sum(${ident(field)})`;
export const count = (field: string): string => `count(${ident(field)})`;
export const mean = (field: string): string => `mean(${ident(field)})`;
export const max = (field: string): string => `max(${ident(field)})`;
export const percentile = (field: string, p: number): string => `percentile(${ident(field)}, ${p})`;
/** An aggregate per second of the panel's interval ($__interval_ms is Grafana's, in milliseconds). */
export const perSecond = (aggregate: string): string => `${aggregate} * 1000 / $__interval_ms`;
export const as = (expression: string, name: string): string => `${expression} AS ${ident(name)}`;

export function influxql(spec: QuerySpec): string {
  const where = [testIdFilter, '$timeFilter', ...(spec.where ?? [])].join(' AND ');
  const groupBy = ['time($__interval)', ...(spec.groupBy ?? []).map(ident)].join(', ');
  return `SELECT ${spec.select.join(', ')} FROM ${ident(spec.from)} WHERE ${where} GROUP BY ${groupBy} fill(${spec.fill ?? 'null'})`;
}
