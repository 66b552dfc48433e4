// k6 threshold expressions (`rate<0.01`, `p(95)<500`, `count>0`...) evaluated over recorded values,
// and the `metric{tag:value}` sub-metric selectors thresholds are keyed by.
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
  // k6's interpolation between closest ranks.
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

/** Whether the threshold holds; throws on an expression k6 would refuse. */
export function evaluate(expression: string, type: MetricType, values: readonly number[], durationS: number): boolean {
  const m = EXPRESSION.exec(expression);
  if (!m) throw new Error(`k6 shim: cannot parse threshold "${expression}"`);
  const actual = aggregate(type, values, m[1]!, durationS);
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
