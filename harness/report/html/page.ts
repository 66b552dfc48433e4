// The whole page: the verdict over every input at the top, one section per input, the charts of
// k6's own output over time, and where it all came from. Self-contained: the stylesheet is inline,
// the charts are inline SVG, there is no script, and a Content-Security-Policy forbids the page to
// fetch anything (default-src 'none'), so it looks the same opened from a CI artifact offline.
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { ReportInput } from '../inputs.ts';
import type { ObservedProfile } from '../observed-profile.ts';
import type { SampleSeries } from '../k6-samples.ts';
import { overallStatus, statusWords, type Verdict } from '../verdict.ts';
import { ChartFigure, type RenderedChart } from './chart-figure.ts';
import { ConformanceSection } from './conformance-section.ts';
import { DiffSection } from './diff-section.ts';
import { K6Section } from './k6-section.ts';
import { html } from './parts.ts';
import { style } from './style.ts';

export interface PageInput {
  readonly input: ReportInput;
  readonly verdict: Verdict;
  readonly charts: readonly RenderedChart[];
}

export interface PageTimeSeries {
  readonly series: SampleSeries;
  readonly charts: readonly RenderedChart[];
}

export interface PageModel {
  readonly title?: string;
  readonly inputs: readonly PageInput[];
  readonly timeSeries: readonly PageTimeSeries[];
  readonly profile?: ObservedProfile;
  /** `main` for npm start's report: its replay command is npm start's. */
  readonly command?: string;
  readonly generatedAt: string;
  readonly version: string;
}

const kindTitle = (input: ReportInput) =>
  input.kind === 'conformance' ? `Conformance: ${input.data.target.description}` : input.kind === 'diff' ? `Diff: ${input.data.baseline.description} vs ${input.data.candidate.description}` : `k6 ${input.data.scenario} (test id ${input.data.testId})`;

function Section(p: PageInput, index: number, model: PageModel): VNode {
  const { input, verdict } = p;
  const body =
    input.kind === 'conformance'
      ? ConformanceSection(input.data, verdict, { ...(input.probes ? { probes: input.probes } : {}), ...(model.profile ? { profile: model.profile } : {}), ...(model.command ? { command: model.command } : {}) })
      : input.kind === 'diff'
        ? DiffSection(input.data, verdict)
        : K6Section(input.data, verdict, p.charts, input.combined);
  return html`<section class=${`input input-${input.kind}`} id=${`input-${index + 1}`} data-kind=${input.kind} data-status=${verdict.status}>
    <h2>${kindTitle(input)} <span class="source">${input.source}</span></h2>
    ${body}
  </section>`;
}

function TimeSeriesSection(t: PageTimeSeries, index: number): VNode {
  const s = t.series;
  return html`<section class="input input-k6-samples" id=${`samples-${index + 1}`} data-kind="k6-samples">
    <h2>k6 ${s.scenario} over time <span class="source">${s.source}</span></h2>
    <p>${String(s.totalStarts)} starts in ${String(s.buckets.length)} intervals of ${String(s.bucketSeconds)} s, from k6's JSON output (${s.testId === undefined ? 'no test id' : `test id ${s.testId}`}).</p>
    <div class="charts">${t.charts.map(ChartFigure)}</div>
  </section>`;
}

export function renderPage(model: PageModel): string {
  const status = overallStatus(model.inputs.map((i) => i.verdict));
  const title = model.title ?? `connect-harness report: ${statusWords[status]}`;
  const body = html`<body>
    <header class=${`verdict verdict-${status}`} data-verdict=${status}>
      <h1 class="verdict-word">${statusWords[status]}</h1>
      <ul class="verdict-lines">
        ${model.inputs.map((p, i) => html`<li><a href=${`#input-${i + 1}`}>${p.verdict.headline}</a></li>`)}
      </ul>
    </header>
    <main>
      ${model.inputs.map((p, i) => Section(p, i, model))}
      ${model.timeSeries.map(TimeSeriesSection)}
      <footer>
        Written by connect-harness ${model.version} report on ${model.generatedAt} from ${model.inputs.map((p) => p.input.source).concat(model.timeSeries.map((t) => t.series.source)).join(', ')}.
        Authorization headers, keys, session tokens, Description, ParticipantToken and JoinToken are redacted. No part of this page is fetched from anywhere.
      </footer>
    </main>
  </body>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${renderToString(html`${title}`)}</title>
<style>${style}</style>
</head>
${renderToString(body)}
</html>
`;
}
