// k6 threshold expressions (`rate<0.01`, `p(95)<500`, `count>0`...) evaluated over recorded values
// as k6 evaluates them (with and without samples, during the run and at its end, abortOnFail), and
// the `metric{tag:value}` sub-metric selectors thresholds are keyed by. k6 v2.2.0 sources cited
// beside each rule (/work/k6-notes.md §4, §6).
import type { MetricType, Sample } from './state.ts';

export interface Selector {
  readonly metric: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** `webrtc_start_failed{step:2,scenario:capacity}` → metric and tag filter. */
export function parseSelector(key: string): Selector {
  const m = /^([^{]+)(?:\{(.*)\})?$/.exec(key.trim());
  if (!m) throw new Error(`k6 shim: bad threshold key "${key}"`);
  const tags: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter((p) => p.trim() !== '')) {
    const at = pair.indexOf(':');
    if (at < 0) throw new Error(`k6 shim: bad tag filter "${pair}" in "${key}"`);
    tags[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return { metric: m[1]!.trim(), tags };
}

export function selects(selector: Selector, sample: Sample): boolean {
  if (sample.metric !== selector.metric) return false;
  return Object.entries(selector.tags).every(([k, v]) => sample.tags[k] === v);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  // metrics/sink.go TrendSink.P: 0 without samples, else interpolation between closest ranks.
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (rank - lower);
}

/** The value of one aggregation (`rate`, `p(95)`, `avg`...) over a metric's values. */
export function aggregate(type: MetricType, values: readonly number[], name: string, durationS: number): number {
  const sorted = type === 'trend' ? [...values].sort((a, b) => a - b) : values;
  const sum = values.reduce((a, b) => a + b, 0);
  const p = /^p\((\d+(?:\.\d+)?)\)$/.exec(name);
  if (p && type === 'trend') return percentile(sorted, Number(p[1]));
  switch (`${type}:${name}`) {
    case 'rate:rate':
      return values.length === 0 ? 0 : sum / values.length;
    case 'counter:count':
      return sum;
    case 'counter:rate':
      return durationS > 0 ? sum / durationS : 0;
    case 'trend:avg':
      return values.length === 0 ? 0 : sum / values.length;
    case 'trend:min':
    case 'gauge:min':
      return values.length === 0 ? 0 : Math.min(...values);
    case 'trend:max':
    case 'gauge:max':
      return values.length === 0 ? 0 : Math.max(...values);
    case 'trend:med':
      return percentile(sorted, 50);
    case 'trend:count':
      return values.length;
    case 'gauge:value':
      return values.at(-1) ?? 0;
    default:
      throw new Error(`k6 shim: aggregation "${name}" does not apply to a ${type}`);
  }
}

const EXPRESSION = /^\s*([a-z]+(?:\(\d+(?:\.\d+)?\))?)\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/i;

/** Threshold aggregations per metric type (metrics/metric_type.go supportedAggregationMethods). */
const SUPPORTED: Readonly<Record<MetricType, readonly string[]>> = {
  counter: ['count', 'rate'],
  gauge: ['value'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'p'],
};

/** Why k6 would refuse `expression` on a metric of `type` at config time (exit 104), or undefined. */
export function thresholdError(expression: string, type: MetricType): string | undefined {
  const m = EXPRESSION.exec(expression);
  if (!m) return `cannot parse threshold "${expression}"`;
  const method = m[1]!.startsWith('p(') ? 'p' : m[1]!;
  // metrics/thresholds.go Thresholds.Validate via MetricType.supportedAggregationMethods.
  if (!SUPPORTED[type].includes(method)) return `threshold "${expression}": the ${m[1]} aggregation method is not supported on a ${type} metric`;
  return undefined;
}

/**
 * Whether the threshold holds at the end of the run, as k6 decides it: metrics/thresholds.go
 * Thresholds.Run builds the sink values per type and Threshold.runNoTaint passes when the value
 * the expression needs is missing. So with no samples: a Rate has no `rate` (set only when
 * Total > 0) and every rate threshold passes, whatever its operator; a Trend reads 0 for every
 * statistic (metrics/sink.go TrendSink.P returns 0 when count is 0); a Counter has count 0 (so
 * `count>0` fails), and no `rate` when the run lasted 0 s. Throws on an expression k6 would refuse.
 */
export function evaluate(expression: string, type: MetricType, values: readonly number[], durationS: number): boolean {
  const error = thresholdError(expression, type);
  if (error !== undefined) throw new Error(`k6 shim: ${error}`);
  const m = EXPRESSION.exec(expression)!;
  const method = m[1]!;
  if (type === 'rate' && values.length === 0) return true;
  if (type === 'counter' && method === 'rate' && !(durationS > 0)) return true;
  const actual = aggregate(type, values, method, durationS);
  const limit = Number(m[3]);
  switch (m[2]) {
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

/** A threshold as options hold it: a string, or an object with abortOnFail and delayAbortEval. */
export type ThresholdSpec = string | { readonly threshold: string; readonly abortOnFail?: boolean; readonly delayAbortEval?: string | null };

export interface ThresholdVerdict {
  /** The metric or sub-metric key (`webrtc_throttled{step:2}`). */
  readonly key: string;
  readonly expression: string;
  readonly ok: boolean;
  readonly abortOnFail: boolean;
  /** delayAbortEval in milliseconds; undefined: abort on the first failed evaluation. */
  readonly delayMs: number | undefined;
}

/**
 * Every threshold evaluated over the samples. `ignoreEmpty` is k6's evaluation while the test runs
 * (internal/metrics/engine/engine.go evaluateThresholds with ignoreEmptySinks=true, every 2 s): a
 * metric without samples is skipped, so abortOnFail can never fire on it. The end-of-test
 * evaluation (finalize) passes false and judges empty metrics as `evaluate` does.
 */
export function evaluateThresholds(
  thresholds: Readonly<Record<string, readonly ThresholdSpec[]>>,
  samples: readonly Sample[],
  typeOf: (metric: string) => MetricType | undefined,
  durationS: number,
  parseDelayMs: (text: string) => number | undefined,
  ignoreEmpty: boolean,
): ThresholdVerdict[] {
  const out: ThresholdVerdict[] = [];
  for (const [key, specs] of Object.entries(thresholds)) {
    const selector = parseSelector(key);
    const type = typeOf(selector.metric);
    if (type === undefined) throw new Error(`k6 shim: threshold on unknown metric "${selector.metric}"`);
    const values = samples.filter((s) => selects(selector, s)).map((s) => s.value);
    if (ignoreEmpty && values.length === 0) continue;
    for (const spec of specs) {
      const expression = typeof spec === 'string' ? spec : spec.threshold;
      const abortOnFail = typeof spec === 'object' && spec.abortOnFail === true;
      const delay = typeof spec === 'object' && typeof spec.delayAbortEval === 'string' ? parseDelayMs(spec.delayAbortEval) : undefined;
      out.push({ key, expression, ok: evaluate(expression, type, values, durationS), abortOnFail, delayMs: delay });
    }
  }
  return out;
}

/**
 * metrics/thresholds.go Thresholds.runAll: a failed abortOnFail threshold aborts the run once the
 * time spent in the test exceeds its delayAbortEval (at once without one).
 */
export function shouldAbort(verdicts: readonly ThresholdVerdict[], runMs: number): ThresholdVerdict | undefined {
  return verdicts.find((v) => !v.ok && v.abortOnFail && (v.delayMs === undefined || v.delayMs < runMs));
}
