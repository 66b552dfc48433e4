// Charts are Vega-Lite specifications rendered to SVG here, in Node, by Vega's own scenegraph
// renderer (no browser, no canvas, no network): the report carries the finished SVG inline, so it
// needs no script at view time. Vega-Lite is a well-kept grammar with a headless SVG path; it lays
// out axes, legends and stacked marks, which this project should not write itself.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export type ChartSpec = TopLevelSpec;

/** The look every chart shares: the page's font and colours, no border around the plot. */
const config = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axis: { labelColor: '#333', titleColor: '#333', gridColor: '#e6e6e6', domainColor: '#888', tickColor: '#888' },
  legend: { orient: 'bottom', labelColor: '#333', titleColor: '#333' },
  range: { category: ['#1f6feb', '#d97706', '#7c3aed', '#059669', '#dc2626', '#6b7280'] },
} as const;

/** The SVG markup of one chart. */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const { spec: compiled } = compile({ ...spec, config: { ...config, ...(spec.config ?? {}) } } as TopLevelSpec);
  // renderer 'none': no DOM is touched; toSVG renders the scenegraph to a string.
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
