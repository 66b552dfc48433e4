// A chart as the report carries it: what it shows, how many series and points it was given (the
// page states them as data attributes, and the browser test counts the SVG's marks against them),
// and its Vega-Lite specification. Two shapes cover every chart: lines with a point per value, and
// stacked bars; either may mark the capacity knee with a labelled rule.
import type { ChartSpec } from './render-svg.ts';

export interface ChartRow {
  /** Category on the x axis (a step, a percentile, a time bucket). */
  readonly x: string;
  readonly series: string;
  readonly y: number;
}

export interface Chart {
  readonly id: string;
  readonly title: string;
  /** One sentence under the chart: what it shows and where the numbers come from. */
  readonly caption: string;
  readonly series: readonly string[];
  readonly points: number;
  /** The x category the knee rule stands on, when the chart marks one. */
  readonly knee?: string;
  readonly spec: ChartSpec;
}

export interface ChartOptions {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly xTitle: string;
  readonly yTitle: string;
  /** Order of the x categories (the rows' order otherwise). */
  readonly xOrder?: readonly string[];
  /** Order (and so colours) of the series. */
  readonly seriesOrder?: readonly string[];
  readonly knee?: string;
  /** d3 format of the y axis, e.g. ".0%" for shares. */
  readonly yFormat?: string;
  /** Fixed colours by series (outcomes keep theirs across charts). */
  readonly colours?: Readonly<Record<string, string>>;
}

const WIDTH = 560;
const HEIGHT = 220;

function seriesOf(rows: readonly ChartRow[], order?: readonly string[]): string[] {
  const present = [...new Set(rows.map((r) => r.series))];
  return order ? [...order.filter((s) => present.includes(s)), ...present.filter((s) => !order.includes(s))] : present;
}

function colourScale(series: readonly string[], colours?: Readonly<Record<string, string>>) {
  return colours ? { domain: [...series], range: series.map((s) => colours[s] ?? '#6b7280') } : { domain: [...series] };
}

function kneeLayers(knee: string | undefined) {
  if (knee === undefined) return [];
  return [
    { data: { values: [{ x: knee }] }, mark: { type: 'rule', color: '#dc2626', strokeDash: [4, 3], strokeWidth: 2 }, encoding: { x: { field: 'x', type: 'ordinal' } } },
    { data: { values: [{ x: knee, label: 'knee' }] }, mark: { type: 'text', color: '#dc2626', dy: -6, fontWeight: 'bold', baseline: 'bottom' }, encoding: { x: { field: 'x', type: 'ordinal' }, y: { value: 0 }, text: { field: 'label' } } },
  ];
}

/** The x axis every chart shares: categories in the given order, labels kept level. */
function xEncoding(xOrder: readonly string[], o: ChartOptions) {
  return { field: 'x', type: 'ordinal', sort: [...xOrder], scale: { domain: [...xOrder] }, title: o.xTitle, axis: { labelAngle: 0, labelOverlap: 'greedy' } };
}

/** Lines through a point per row, one line per series. */
export function lineChart(rows: readonly ChartRow[], o: ChartOptions): Chart {
  const series = seriesOf(rows, o.seriesOrder);
  const xOrder = o.xOrder ?? [...new Set(rows.map((r) => r.x))];
  const spec = {
    width: WIDTH,
    height: HEIGHT,
    encoding: { x: xEncoding(xOrder, o) },
    layer: [
      {
        data: { values: rows.map((r) => ({ ...r })) },
        mark: { type: 'line', point: { size: 45, filled: true } },
        encoding: {
          y: { field: 'y', type: 'quantitative', title: o.yTitle, ...(o.yFormat ? { axis: { format: o.yFormat } } : {}) },
          color: { field: 'series', type: 'nominal', title: null, sort: series, scale: colourScale(series, o.colours) },
          tooltip: [{ field: 'series' }, { field: 'x' }, { field: 'y' }],
        },
      },
      ...kneeLayers(o.knee),
    ],
  };
  return { id: o.id, title: o.title, caption: o.caption, series, points: rows.length, ...(o.knee === undefined ? {} : { knee: o.knee }), spec: spec as unknown as ChartSpec };
}

/** Bars stacked by series, one bar per x category. */
export function stackedBarChart(rows: readonly ChartRow[], o: ChartOptions): Chart {
  const series = seriesOf(rows, o.seriesOrder);
  const xOrder = o.xOrder ?? [...new Set(rows.map((r) => r.x))];
  const spec = {
    width: WIDTH,
    height: HEIGHT,
    encoding: { x: xEncoding(xOrder, o) },
    layer: [
      {
        data: { values: rows.map((r, i) => ({ ...r, order: series.indexOf(r.series), i })) },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'y', type: 'quantitative', stack: 'zero', title: o.yTitle, ...(o.yFormat ? { axis: { format: o.yFormat } } : {}) },
          color: { field: 'series', type: 'nominal', title: null, sort: series, scale: colourScale(series, o.colours) },
          order: { field: 'order', type: 'quantitative' },
          tooltip: [{ field: 'series' }, { field: 'x' }, { field: 'y', format: o.yFormat ?? '' }],
        },
      },
      ...kneeLayers(o.knee),
    ],
  };
  return { id: o.id, title: o.title, caption: o.caption, series, points: rows.length, ...(o.knee === undefined ? {} : { knee: o.knee }), spec: spec as unknown as ChartSpec };
}

/** The colours of the start outcomes, the same in every chart. */
export const outcomeColours: Readonly<Record<string, string>> = {
  accepted: '#059669',
  rejected: '#7c3aed',
  throttled: '#d97706',
  failed: '#dc2626',
  'server-error': '#dc2626',
  'network-error': '#991b1b',
  unexpected: '#6b7280',
  other: '#9ca3af',
};
