// The `data` object k6 hands to handleSummary, built from the recorded samples: every metric with
// its type and values, sub-metrics for threshold keys with tag filters, each threshold's `ok`, and
// the checks under root_group (k6 docs, "Custom summary": summary data reference).
import { aggregate, evaluate, parseSelector, selects } from './thresholds.ts';
import { shim, type Sample } from './state.ts';

type ThresholdSpec = string | { threshold: string; abortOnFail?: boolean; delayAbortEval?: string };

export interface SummaryInput {
  readonly thresholds: Readonly<Record<string, readonly ThresholdSpec[]>>;
  readonly summaryTrendStats: readonly string[];
  readonly durationMs: number;
  readonly setupData: unknown;
}

const DEFAULT_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];

function valuesFor(type: string, values: readonly number[], trendStats: readonly string[], durationS: number): Record<string, number> {
  switch (type) {
    case 'counter':
      return { count: aggregate('counter', values, 'count', durationS), rate: aggregate('counter', values, 'rate', durationS) };
    case 'gauge':
      return { value: aggregate('gauge', values, 'value', durationS), min: aggregate('gauge', values, 'min', durationS), max: aggregate('gauge', values, 'max', durationS) };
    case 'rate': {
      const passes = values.filter((v) => v !== 0).length;
      return { rate: aggregate('rate', values, 'rate', durationS), passes, fails: values.length - passes };
    }
    default:
      return Object.fromEntries(trendStats.map((stat) => [stat, aggregate('trend', values, stat, durationS)]));
  }
}

function checks(samples: readonly Sample[]) {
  const byName = new Map<string, { passes: number; fails: number }>();
  for (const s of samples) {
    if (s.metric !== 'checks') continue;
    const name = s.tags.check ?? '';
    const entry = byName.get(name) ?? { passes: 0, fails: 0 };
    if (s.value) entry.passes++;
    else entry.fails++;
    byName.set(name, entry);
  }
  return [...byName].map(([name, counts]) => ({ name, path: `::${name}`, id: name, ...counts }));
}

export function summaryData(input: SummaryInput): Record<string, unknown> {
  const durationS = input.durationMs / 1000;
  const trendStats = input.summaryTrendStats.length > 0 ? input.summaryTrendStats : DEFAULT_TREND_STATS;
  const metrics: Record<string, Record<string, unknown>> = {};
  const keys = new Set([...new Set(shim.samples.map((s) => s.metric))].filter((m) => shim.metrics.has(m)));
  for (const key of Object.keys(input.thresholds)) keys.add(key);
  for (const key of keys) {
    const selector = parseSelector(key);
    const info = shim.metrics.get(selector.metric);
    if (!info) throw new Error(`k6: threshold on unknown metric "${selector.metric}"`);
    const values = shim.samples.filter((s) => selects(selector, s)).map((s) => s.value);
    const specs = input.thresholds[key] ?? [];
    metrics[key] = {
      type: info.type,
      contains: info.contains,
      values: valuesFor(info.type, values, trendStats, durationS),
      ...(specs.length > 0
        ? {
            thresholds: Object.fromEntries(
              specs.map((spec) => {
                const expression = typeof spec === 'string' ? spec : spec.threshold;
                return [expression, { ok: evaluate(expression, info.type, values, durationS) }];
              }),
            ),
          }
        : {}),
    };
  }
  return {
    root_group: { name: '', path: '', id: '', groups: [], checks: checks(shim.samples) },
    options: { summaryTrendStats: trendStats, summaryTimeUnit: '', noColor: true },
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: input.durationMs },
    metrics,
    setup_data: input.setupData,
  };
}
