// A k6 summary (handleSummary's JSON in either summary shape, or one group of k6-combine): the
// verdict, for the capacity scenario the step table, the charts with the knee marked and what CI
// should exit with; the charts of the run, the thresholds with their verdicts, the checks, the
// start metrics and the configuration.
import type { VNode } from 'preact';
import type { CapacityVerdict, StepReport } from '../../../scenarios/lib/capacity-steps.ts';
import type { NormalMetric } from '../../../scenarios/lib/threshold-eval.ts';
import type { K6SummaryJson, K6Threshold } from '../inputs.ts';
import type { Verdict } from '../verdict.ts';
import { ChartFigure, type RenderedChart } from './chart-figure.ts';
import { Badge, Counts, KeyValues, Table, html, seconds } from './parts.ts';

const pct = (share: number | undefined) => (share === undefined ? '-' : `${(share * 100).toFixed(1)}%`);
const ms = (value: number | undefined) => (value === undefined ? '-' : `${Math.round(value)} ms`);
const num = (value: number | undefined, digits = 1) => (value === undefined ? '-' : value.toFixed(digits));

const thresholdMark: Readonly<Record<K6Threshold['status'], string>> = { ok: 'ok', crossed: 'CROSSED', unavailable: 'n/a' };
const stepStatus: Readonly<Record<StepReport['status'], string>> = { held: 'held', failed: 'FAILED', 'not-reached': 'not reached', 'no-verdict': 'no verdict' };

function formatActual(t: K6Threshold): string {
  if (t.actual === undefined) return '-';
  return /^(rate)/.test(t.expression) ? pct(t.actual) : Number.isInteger(t.actual) ? String(t.actual) : t.actual.toFixed(2);
}

function CapacityView(capacity: CapacityVerdict): VNode {
  const rows = capacity.steps.map((s) => [
    String(s.step),
    String(s.rate),
    num(s.achievedRate),
    String(s.starts),
    s.starts > 0 ? pct(s.acceptedShare) : '-',
    s.starts > 0 ? pct(s.throttledRate) : '-',
    s.starts > 0 ? pct(s.failedRate) : '-',
    ms(s.latencyMs.p50),
    ms(s.latencyMs.p95),
    ms(s.latencyMs.p99),
    html`<span class=${`status status-step-${s.status}`}>${stepStatus[s.status]}</span>`,
    [...s.reasons, ...s.warnings].join('; '),
  ]);
  const k6Exit = capacity.exitAdvice.k6ExitCode === null ? 'k6’s exit code is unknown from this summary' : `k6 exits ${capacity.exitAdvice.k6ExitCode}`;
  return html`<h3>Capacity steps</h3>
    <p class="capacity-headline"><strong>${capacity.headline}</strong></p>
    ${Table(['step', 'target /s', 'achieved /s', 'starts', 'accepted', 'throttled', 'failed', 'p50', 'p95', 'p99', 'status', 'why'], rows, 'steps')}
    ${capacity.why.length > 0 ? html`<ul class="why">${capacity.why.map((w) => html`<li>why: ${w}</li>`)}</ul>` : null}
    <p class="exit-advice">${k6Exit}; CI should exit <strong>${String(capacity.exitAdvice.code)}</strong> (${capacity.exitAdvice.reason}).</p>`;
}

function metricRow(name: string, m: NormalMetric): readonly string[] {
  const v = m.values;
  if (m.type === 'trend') return [name, 'trend', `p50 ${ms(v.med)}, p90 ${ms(v['p(90)'])}, p95 ${ms(v['p(95)'])}, p99 ${ms(v['p(99)'])}, max ${ms(v.max)}${v.count === undefined ? '' : `, ${v.count} samples`}`];
  if (m.type === 'rate') return [name, 'rate', `${pct(v.rate)}${v.passes === undefined ? '' : ` (${v.passes} of ${(v.passes ?? 0) + (v.fails ?? 0)})`}`];
  return [name, m.type, `${v.count ?? v.value ?? '-'}${v.rate === undefined ? '' : ` (${v.rate.toFixed(2)}/s)`}`];
}

export function K6Section(data: K6SummaryJson, verdict: Verdict, charts: readonly RenderedChart[], combined: boolean): VNode {
  const plan = data.capacityVerdict?.plan;
  const metricNames = Object.keys(data.metrics).filter((n) => !/\{step:/.test(n)).sort();
  return html`<div class="section-body">
    <p class="headline">${Badge(verdict.status)} ${verdict.headline}</p>
    ${Counts(verdict.counts)}
    ${data.error !== undefined ? html`<p class="errors">${data.error}</p>` : null}
    ${data.capacityVerdict ? CapacityView(data.capacityVerdict) : null}
    ${charts.length > 0 ? html`<div class="charts">${charts.map(ChartFigure)}</div>` : null}
    ${data.thresholds.length > 0
      ? html`<h3>Thresholds</h3>
          ${Table(['metric', 'threshold', 'verdict', 'value', 'source', 'note'], data.thresholds.map((t) => [t.metric, t.expression, html`<span class=${`status status-threshold-${t.status}`}>${thresholdMark[t.status]}</span>`, formatActual(t), t.source ?? '', t.note ?? '']))}`
      : null}
    ${data.checks.length > 0 ? html`<h3>Checks</h3>${Table(['check', 'passed', 'failed'], data.checks.map((c) => [c.name, String(c.passes), String(c.fails)]))}` : null}
    ${metricNames.length > 0 ? html`<h3>Metrics</h3>${Table(['metric', 'type', 'values'], metricNames.map((n) => metricRow(n, data.metrics[n]!)))}` : null}
    ${data.notes.length > 0 ? html`<h3>Notes</h3><ul class="notes">${data.notes.map((n) => html`<li>${n}</li>`)}</ul>` : null}
    <h3>Configuration</h3>
    ${KeyValues([
      ['scenario', data.scenario],
      ['test id', data.testId],
      ['target', data.target ? `${data.target.kind ?? '?'}: ${data.target.host ?? '?'} (${data.target.region ?? '?'})` : undefined],
      ['summary shape', combined ? `combined by k6-combine from ${data.files?.length ?? '?'} summaries` : data.summaryShape],
      ['share of the test covered', data.coverage === undefined ? undefined : pct(data.coverage)],
      ['duration', seconds(data.durationMs)],
      ['k6 exit code expected', data.expectedK6ExitCode ?? undefined],
      ['step rates /s', plan?.stepRates.join(', ')],
      ['step seconds (ramp)', plan === undefined ? undefined : `${plan.stepSeconds} (${plan.rampSeconds})`],
      ['plan from', plan?.source],
      ['segment of the test', plan === undefined || plan.segment === 1 ? undefined : pct(plan.segment)],
      ['cleanup', data.cleanup === undefined ? undefined : JSON.stringify(data.cleanup)],
    ])}
  </div>`;
}
