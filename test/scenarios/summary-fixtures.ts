// handleSummary data for the capacity scenario in both shapes k6 builds, from per-step figures, as
// k6 would build it: the per-step sub-metrics stepThresholds names, their thresholds' verdicts in
// the legacy shape (evaluated as k6 does, no-samples rules included), none in the machine-readable
// one (which also drops p(99) and renames rates to {matches, rate, total}).
import { stepMetricKeys, stepThresholds, type StepPlan } from '../../scenarios/lib/capacity-steps.ts';
import { evaluateThreshold, thresholdSource, type NormalMetric } from '../../scenarios/lib/threshold-eval.ts';

export interface StepFigures {
  readonly starts: number;
  readonly failed?: number;
  readonly throttled?: number;
  /** Latency of accepted starts, ms. */
  readonly p50?: number;
  readonly p95?: number;
  readonly p99?: number;
}

export const plan: StepPlan = { stepRates: [10, 20, 40, 80], stepSeconds: 60, rampSeconds: 10 };

/** Planned starts of step i (1-based) of `plan` for a whole run: ramp from the previous rate, then hold. */
export function plannedStarts(step: number, p: StepPlan = plan): number {
  const rate = p.stepRates[step - 1]!;
  const previous = step === 1 ? rate : p.stepRates[step - 2]!;
  return ((previous + rate) / 2) * p.rampSeconds + rate * (p.stepSeconds - p.rampSeconds);
}

function legacyMetrics(steps: readonly StepFigures[], p: StepPlan): Record<string, NormalMetric> {
  const metrics: Record<string, NormalMetric> = {};
  steps.forEach((f, i) => {
    const keys = stepMetricKeys(i + 1);
    const failed = f.failed ?? 0;
    const throttled = f.throttled ?? 0;
    const accepted = f.starts - failed - throttled;
    const rate = (passes: number): NormalMetric => ({ type: 'rate', contains: 'default', values: { rate: f.starts === 0 ? 0 : passes / f.starts, passes, fails: f.starts - passes } });
    metrics[keys.failed] = rate(failed);
    metrics[keys.throttled] = rate(throttled);
    const lat = accepted === 0 ? { p50: 0, p95: 0, p99: 0 } : { p50: f.p50 ?? 20, p95: f.p95 ?? 40, p99: f.p99 ?? 60 };
    metrics[keys.latency] = { type: 'trend', contains: 'time', values: { avg: lat.p50, min: lat.p50 / 2, med: lat.p50, max: lat.p99, 'p(90)': lat.p95, 'p(95)': lat.p95, 'p(99)': lat.p99, count: accepted } };
  });
  for (let i = steps.length; i < p.stepRates.length; i++) {
    const keys = stepMetricKeys(i + 1);
    metrics[keys.failed] = { type: 'rate', contains: 'default', values: { rate: 0, passes: 0, fails: 0 } };
    metrics[keys.throttled] = { type: 'rate', contains: 'default', values: { rate: 0, passes: 0, fails: 0 } };
    metrics[keys.latency] = { type: 'trend', contains: 'time', values: { avg: 0, min: 0, med: 0, max: 0, 'p(90)': 0, 'p(95)': 0, 'p(99)': 0, count: 0 } };
  }
  return metrics;
}

export interface FixtureOptions {
  readonly plan?: StepPlan;
  readonly durationS?: number;
  readonly setupData?: unknown;
  readonly dropped?: number;
}

/** The declared thresholds of the capacity scenario (per step only, as stepThresholds writes them). */
export function declared(p: StepPlan = plan): Record<string, (string | { threshold: string })[]> {
  return stepThresholds(p) as Record<string, (string | { threshold: string })[]>;
}

/** `steps`: figures of the steps reached; later steps of the plan get no samples. */
export function legacyCapacityData(steps: readonly StepFigures[], o: FixtureOptions = {}): Record<string, unknown> {
  const p = o.plan ?? plan;
  const metrics = legacyMetrics(steps, p);
  const durationS = o.durationS ?? steps.length * p.stepSeconds;
  const out: Record<string, unknown> = {};
  for (const [name, m] of Object.entries(metrics)) {
    const thresholds = Object.fromEntries(
      (declared(p)[name] ?? []).map((t) => {
        const source = thresholdSource(t);
        return [source, { ok: evaluateThreshold(source, m, durationS, 'legacy').status === 'ok' }];
      }),
    );
    out[name] = { ...m, ...(Object.keys(thresholds).length > 0 ? { thresholds } : {}) };
  }
  if (o.dropped !== undefined) out.dropped_iterations = { type: 'counter', contains: 'default', values: { count: o.dropped, rate: o.dropped / durationS } };
  return {
    root_group: { name: '', path: '', id: '', groups: [], checks: [{ name: 'start accepted', path: '::start accepted', id: 'x', passes: 1, fails: 0 }] },
    options: { summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'], summaryTimeUnit: '', noColor: true },
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: durationS * 1000 },
    metrics: out,
    ...(o.setupData === undefined ? {} : { setup_data: o.setupData }),
  };
}

/** The same run as k6 --new-machine-readable-summary hands it over. */
export function machineReadableCapacityData(steps: readonly StepFigures[], o: FixtureOptions = {}): Record<string, unknown> {
  const p = o.plan ?? plan;
  const metrics = legacyMetrics(steps, p);
  const durationS = o.durationS ?? steps.length * p.stepSeconds;
  const entries = Object.entries(metrics).map(([name, m]) => {
    const v = m.values;
    const values =
      m.type === 'rate'
        ? { matches: v.passes!, rate: v.rate!, total: v.passes! + v.fails! }
        : { avg: v.avg!, max: v.max!, med: v.med!, min: v.min!, p90: v['p(90)']!, p95: v['p(95)']! };
    return { contains: m.contains, name, type: m.type, values };
  });
  if (o.dropped !== undefined) entries.push({ contains: 'default', name: 'dropped_iterations', type: 'counter', values: { count: o.dropped } as never });
  return {
    config: { duration: durationS, execution: 'local', script: '' },
    metadata: { generated_at: '2026-08-21T00:00:00Z', k6_version: '2.3.0' },
    results: {
      checks: {
        metrics: [
          { contains: 'default', name: 'checks_total', type: 'counter', values: { count: 1 } },
          { contains: 'default', name: 'checks_failed', type: 'rate', values: { matches: 0, rate: 0, total: 1 } },
          { contains: 'default', name: 'checks_succeeded', type: 'rate', values: { matches: 1, rate: 1, total: 1 } },
        ],
        results: [{ fails: 0, name: 'start accepted', passes: 1 }],
      },
      metrics: entries.reverse(),
    },
    version: '1.0.0',
  };
}
