// The charts of a k6 summary. A capacity run's steps follow one another in time, so its charts read
// as load rising over the run: throughput (target, achieved, accepted per second), accepted
// latency p50/p95/p99 and the outcome mix per step, the knee marked on each. Other scenarios' summaries
// carry aggregates only (k6 keeps no time series in a summary): their latency percentiles and
// outcome mix over the whole run; over time comes from k6's JSON output (k6-samples.ts).
import type { CapacityVerdict, StepReport } from '../../../scenarios/lib/capacity-steps.ts';
import type { NormalMetric } from '../../../scenarios/lib/threshold-eval.ts';
import { k6Metrics } from '../../contract/metric-names.ts';
import { lineChart, outcomeColours, stackedBarChart, type Chart, type ChartRow } from './chart.ts';

const stepLabel = (s: StepReport) => `${s.step} · ${s.rate}/s`;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function capacityCharts(verdict: CapacityVerdict): Chart[] {
  const steps = verdict.steps;
  const xOrder = steps.map(stepLabel);
  const kneeStep = steps.find((s) => s.step === verdict.firstFailedStep);
  const knee = kneeStep === undefined ? undefined : stepLabel(kneeStep);
  const reached = steps.filter((s) => s.starts > 0);

  const throughput: ChartRow[] = [
    ...steps.map((s) => ({ x: stepLabel(s), series: 'target /s', y: s.rate })),
    ...steps.filter((s) => s.achievedRate !== undefined).map((s) => ({ x: stepLabel(s), series: 'achieved /s', y: round(s.achievedRate!) })),
    ...steps.filter((s) => s.achievedRate !== undefined && s.acceptedShare !== undefined).map((s) => ({ x: stepLabel(s), series: 'accepted /s', y: round(s.achievedRate! * s.acceptedShare!) })),
  ];
  const latency: ChartRow[] = [];
  for (const q of ['p50', 'p95', 'p99'] as const) {
    for (const s of reached) {
      const value = s.latencyMs[q];
      if (s.accepted > 0 && value !== undefined) latency.push({ x: stepLabel(s), series: q, y: round(value, 1) });
    }
  }
  const outcomes: ChartRow[] = reached.flatMap((s) => [
    { x: stepLabel(s), series: 'accepted', y: s.accepted / s.starts },
    { x: stepLabel(s), series: 'throttled', y: s.throttled / s.starts },
    { x: stepLabel(s), series: 'failed', y: s.failed / s.starts },
  ]);
  const common = { xTitle: 'step · target rate', xOrder, ...(knee === undefined ? {} : { knee }) };
  return [
    lineChart(throughput, {
      ...common,
      id: 'capacity-throughput',
      title: 'Throughput by step',
      yTitle: 'starts per second',
      seriesOrder: ['target /s', 'achieved /s', 'accepted /s'],
      caption: 'Target rate of each step, the starts per second achieved over the step (ramp included), and of those the accepted. A step the run stopped in has no achieved rate.',
    }),
    lineChart(latency, {
      ...common,
      id: 'capacity-latency',
      title: 'Accepted latency by step',
      yTitle: 'ms',
      seriesOrder: ['p50', 'p95', 'p99'],
      caption: `Latency of accepted starts per step; the step limit is p95 < ${verdict.limits.acceptedP95Ms} ms. The machine-readable summary carries no p99.`,
    }),
    stackedBarChart(outcomes, {
      ...common,
      id: 'capacity-outcomes',
      title: 'Outcome mix by step',
      yTitle: 'share of starts',
      yFormat: '.0%',
      seriesOrder: ['accepted', 'throttled', 'failed'],
      colours: outcomeColours,
      caption: `Shares of each step's starts; a step holds below ${verdict.limits.maxThrottledRate * 100}% throttled and ${verdict.limits.maxFailedRate * 100}% failed. Steps not reached have no bar.`,
    }),
  ];
}

const percentiles = [
  ['p50', 'med'],
  ['p90', 'p(90)'],
  ['p95', 'p(95)'],
  ['p99', 'p(99)'],
  ['max', 'max'],
] as const;

/** Latency percentiles of the start metrics, and the outcome mix, over the whole run. */
export function aggregateCharts(metrics: Readonly<Record<string, NormalMetric>>): Chart[] {
  const charts: Chart[] = [];
  const latencyMetrics = [`${k6Metrics.startDuration}{outcome:accepted}`, k6Metrics.startDuration, 'http_req_duration'].filter((m) => metrics[m]?.type === 'trend');
  const latency: ChartRow[] = [];
  for (const name of latencyMetrics) {
    for (const [label, key] of percentiles) {
      const value = metrics[name]!.values[key];
      if (typeof value === 'number' && Number.isFinite(value)) latency.push({ x: label, series: name, y: round(value, 1) });
    }
  }
  if (latency.length > 0) {
    charts.push(
      lineChart(latency, {
        id: 'k6-latency',
        title: 'Latency over the run',
        xTitle: 'percentile',
        yTitle: 'ms',
        xOrder: percentiles.map(([label]) => label),
        caption: 'Percentiles of each latency metric over the whole run (the machine-readable summary carries no p99). Over time: give k6 --out json output with --k6-out.',
      }),
    );
  }
  const throttled = metrics[k6Metrics.throttled];
  if (throttled?.type === 'rate') {
    const starts = (throttled.values.passes ?? 0) + (throttled.values.fails ?? 0);
    const nThrottled = throttled.values.passes ?? 0;
    const nFailed = metrics[k6Metrics.startFailed]?.values.passes ?? 0;
    const nAccepted = Math.min(metrics[k6Metrics.contactsStarted]?.values.count ?? 0, starts - nThrottled - nFailed);
    const nOther = Math.max(0, starts - nThrottled - nFailed - nAccepted);
    const rows = (
      [
        ['accepted', nAccepted],
        ['throttled', nThrottled],
        ['failed', nFailed],
        ['other', nOther],
      ] as const
    )
      .filter(([, n]) => n > 0)
      .map(([series, n]) => ({ x: 'all starts', series, y: n }));
    if (rows.length > 0) {
      charts.push(
        stackedBarChart(rows, {
          id: 'k6-outcomes',
          title: 'Outcome mix over the run',
          xTitle: '',
          yTitle: 'starts',
          seriesOrder: ['accepted', 'throttled', 'failed', 'other'],
          colours: outcomeColours,
          caption: `${starts} starts: accepted (contacts started), throttled (429), failed (any other answer counted as a failure), other (answers the scenario expected, such as rejections of invalid requests, and replays).`,
        }),
      );
    }
  }
  return charts;
}
