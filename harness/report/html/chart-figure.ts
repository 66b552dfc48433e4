// One chart in the page: its SVG (rendered by Vega in Node, see charts/render-svg.ts) inline, with
// the numbers of series and points it was given as data attributes, so a reader of the markup (and
// the browser test) can check that what is drawn is what was meant.
import type { VNode } from 'preact';
import type { Chart } from '../charts/chart.ts';
import { html } from './parts.ts';

export interface RenderedChart extends Chart {
  readonly svg: string;
}

export function ChartFigure(chart: RenderedChart): VNode {
  return html`<figure class="chart" id=${`chart-${chart.id}`} data-chart=${chart.id} data-series=${String(chart.series.length)} data-points=${String(chart.points)} data-knee=${chart.knee ?? ''}>
    <figcaption><strong>${chart.title}</strong> <span class="caption">${chart.caption}</span></figcaption>
    <div class="chart-svg" role="img" aria-label=${chart.title} dangerouslySetInnerHTML=${{ __html: chart.svg }}></div>
  </figure>`;
}
