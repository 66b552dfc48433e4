// From inputs to one HTML page: a verdict per input, the charts each needs rendered to SVG, then
// the page. The one entry point for the report command, conformance --html, diff --html and npm
// start.
import { readFileSync } from 'node:fs';
import { capacityCharts, aggregateCharts } from './charts/k6-charts.ts';
import type { Chart } from './charts/chart.ts';
import { renderSvg } from './charts/render-svg.ts';
import type { RenderedChart } from './html/chart-figure.ts';
import { renderPage } from './html/page.ts';
import type { ReportInput } from './inputs.ts';
import { timeSeriesCharts, type SampleSeries } from './k6-samples.ts';
import type { ObservedProfile } from './observed-profile.ts';
import { overallStatus, verdictOf, type Verdict, type VerdictStatus } from './verdict.ts';

export interface ReportModel {
  readonly inputs: readonly ReportInput[];
  readonly timeSeries?: readonly SampleSeries[];
  readonly profile?: ObservedProfile;
  readonly title?: string;
  /** `main`: the page names npm start as the replay command. */
  readonly command?: string;
  /** For reproducible output in tests; default now. */
  readonly generatedAt?: Date;
}

export interface BuiltReport {
  readonly html: string;
  readonly status: VerdictStatus;
  readonly verdicts: readonly Verdict[];
}

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function chartsOf(input: ReportInput): Chart[] {
  if (input.kind !== 'k6') return [];
  if (input.data.capacityVerdict !== undefined) return capacityCharts(input.data.capacityVerdict);
  return aggregateCharts(input.data.metrics);
}

async function rendered(charts: readonly Chart[]): Promise<RenderedChart[]> {
  const out: RenderedChart[] = [];
  for (const chart of charts) out.push({ ...chart, svg: await renderSvg(chart.spec) });
  return out;
}

export async function buildReport(model: ReportModel): Promise<BuiltReport> {
  const verdicts = model.inputs.map(verdictOf);
  const inputs = [];
  for (const [i, input] of model.inputs.entries()) inputs.push({ input, verdict: verdicts[i]!, charts: await rendered(chartsOf(input)) });
  const timeSeries = [];
  for (const series of model.timeSeries ?? []) timeSeries.push({ series, charts: await rendered(timeSeriesCharts(series)) });
  const html = renderPage({
    inputs,
    timeSeries,
    ...(model.profile ? { profile: model.profile } : {}),
    ...(model.title ? { title: model.title } : {}),
    ...(model.command ? { command: model.command } : {}),
    generatedAt: (model.generatedAt ?? new Date()).toISOString(),
    version,
  });
  return { html, status: overallStatus(verdicts), verdicts };
}
