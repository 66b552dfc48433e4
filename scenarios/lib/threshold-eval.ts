// k6 threshold expressions (`p(95)<500`, `rate<0.01`, `count>0`...) parsed and evaluated over a
// metric's summary values as k6 evaluates them at the end of a run, for the summary shape that
// carries no verdicts (the machine-readable one) and for combining pods' summaries. Pure and
// runtime-neutral (k6 and Node load it). Sources, k6 v2.2.0 (docs/k6-reports.md):
//   parsing:    metrics/thresholds_parser.go scanThresholdExpression (operators tried in the order
//               <=, <, >=, >, ===, ==, !=; both sides trimmed), parseThresholdAggregationMethod
//               (value, count, rate, avg, min, med, max, p(N) with 0 ≤ N ≤ 100), strconv.ParseFloat;
//   evaluation: metrics/thresholds.go Thresholds.Run (the sink values per metric type) and
//               Threshold.runNoTaint (a missing sink key passes: a Rate without samples has no
//               `rate`, so any rate threshold passes; an empty Trend is all zeros; an empty Counter
//               has count 0);
//   validity:   metrics/metric_type.go supportedAggregationMethods (Counter count, rate; Gauge
//               value; Rate rate; Trend avg, min, max, med, p(N)).
import type { MetricType } from './summary-data.ts';

/** A metric's values in one form for both summary shapes: the legacy shape's keys. */
export interface NormalMetric {
  readonly type: MetricType;
  readonly contains: string;
  /**
   * counter: count, rate (per second); gauge: value, min, max; rate: rate, passes, fails (passes =
   * samples that were true); trend: avg, min, med, max, p(N), count: those the summary carried.
   * A key that is absent was not in the summary.
   */
  readonly values: Readonly<Record<string, number>>;
}

export type Operator = '<=' | '<' | '>=' | '>' | '===' | '==' | '!=';
const OPERATORS: readonly Operator[] = ['<=', '<', '>=', '>', '===', '==', '!='];
const METHODS = ['value', 'count', 'rate', 'avg', 'min', 'med', 'max'] as const;
const SUPPORTED: Readonly<Record<MetricType, readonly string[]>> = {
  counter: ['count', 'rate'],
  gauge: ['value'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'p'],
};
const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export interface ParsedThreshold {
  readonly source: string;
  /** `rate`, `count`, `p`... */
  readonly method: string;
  /** The key of the value compared: `rate`, `p(95)`... (k6's SinkKey). */
  readonly key: string;
  readonly percentile?: number;
  readonly operator: Operator;
  readonly limit: number;
}

/** k6's parse of a threshold expression, or the reason k6 would refuse it. */
export function parseThreshold(source: string): ParsedThreshold | { readonly error: string } {
  for (const operator of OPERATORS) {
    const at = source.indexOf(operator);
    if (at < 0) continue;
    const right = source.slice(at + operator.length);
    if (right === '') continue; // Go's strings.Cut: found, but nothing after it
    const left = source.slice(0, at).trim();
    const text = right.trim();
    if (!FLOAT.test(text)) return { error: `"${source}": the right-hand side is not a number` };
    const limit = Number(text);
    if ((METHODS as readonly string[]).includes(left)) return { source, method: left, key: left, operator, limit };
    const p = /^p\((.*)\)$/.exec(left);
    if (p && FLOAT.test(p[1]!.trim())) {
      const percentile = Number(p[1]!.trim());
      if (percentile < 0 || percentile > 100) return { error: `"${source}": a percentile is between 0 and 100` };
      return { source, method: 'p', key: `p(${percentile})`, percentile, operator, limit };
    }
    return { error: `"${source}": unknown aggregation "${left}"` };
  }
  return { error: `"${source}": no comparison operator` };
}

export function compare(actual: number, operator: Operator, limit: number): boolean {
  switch (operator) {
    case '<':
      return actual < limit;
    case '<=':
      return actual <= limit;
    case '>':
      return actual > limit;
    case '>=':
      return actual >= limit;
    case '!=':
      return actual !== limit;
    default:
      return actual === limit;
  }
}

export type ThresholdStatus = 'ok' | 'crossed' | 'unavailable';

export interface Evaluation {
  readonly status: ThresholdStatus;
  /** The value compared, when there was one. */
  readonly actual?: number;
  /** Why the verdict is what it is when that is not obvious (no samples, value not in the summary). */
  readonly note?: string;
}

/** Where a trend statistic can be missing from, for the note that says so. */
export type ValueSource = 'legacy' | 'machine-readable' | 'combined';

function missingValue(key: string, from: ValueSource): string {
  if (from === 'machine-readable') return `${key} is not in the machine-readable summary (it carries avg, min, med, max, p(90) and p(95) only)`;
  if (from === 'legacy') return `${key} is not in the summary (add it to summaryTrendStats)`;
  return `${key} is not in every summary combined`;
}

/**
 * The verdict k6 gives `expression` at the end of the run, from the values the summary kept.
 * `durationS` (the test run's) turns a counter's count into the `rate` k6 compares.
 */
export function evaluateThreshold(expression: string, metric: NormalMetric | undefined, durationS: number | undefined, from: ValueSource): Evaluation {
  const parsed = parseThreshold(expression);
  if ('error' in parsed) return { status: 'unavailable', note: `k6 would refuse ${parsed.error}` };
  if (metric === undefined) return { status: 'unavailable', note: 'the metric is not in the summary' };
  if (!SUPPORTED[metric.type].includes(parsed.method)) return { status: 'unavailable', note: `k6 would refuse ${parsed.method} on a ${metric.type}` };
  const v = metric.values;
  let actual: number | undefined;
  switch (metric.type) {
    case 'rate': {
      const total = (v.passes ?? 0) + (v.fails ?? 0);
      if (v.passes !== undefined && v.fails !== undefined && total === 0) return { status: 'ok', note: 'no samples: k6 passes a rate threshold without samples' };
      actual = v.rate;
      break;
    }
    case 'counter':
      if (parsed.key === 'rate') {
        if (v.rate !== undefined) actual = v.rate;
        else if (durationS === 0) return { status: 'ok', note: 'a zero-length run: k6 has no counter rate to compare and passes' };
        else if (durationS !== undefined && v.count !== undefined) actual = v.count / durationS;
      } else actual = v.count;
      break;
    case 'gauge':
      actual = v.value;
      break;
    case 'trend':
      actual = v[parsed.key] ?? (parsed.percentile === 50 ? v.med : undefined);
      break;
  }
  if (actual === undefined || !Number.isFinite(actual)) return { status: 'unavailable', note: missingValue(parsed.key, from) };
  return { status: compare(actual, parsed.operator, parsed.limit) ? 'ok' : 'crossed', actual };
}

/** A threshold as written in options: a string, or `{ threshold, abortOnFail, delayAbortEval }`. */
export type DeclaredThreshold = string | { readonly threshold: string; readonly abortOnFail?: boolean; readonly delayAbortEval?: string };

export function thresholdSource(t: DeclaredThreshold): string {
  return typeof t === 'string' ? t : t.threshold;
}
