// The `data` object k6 hands to handleSummary, built from the recorded samples, in either of the two
// shapes k6 2.x builds (k6 v2.2.0 sources; /work/k6-notes.md §3, docs/k6-reports.md):
//
// - legacy, the default: internal/js/summary.go summarizeMetricsToObject, called from
//   internal/js/runner.go prepareHandleSummaryCall. Every observed metric with its type and values
//   (metrics/sink.go Format: counter {count, rate}, gauge {value, min, max}, rate {rate, passes,
//   fails}, trend: exactly the summaryTrendStats), sub-metrics for threshold keys with tag filters,
//   each threshold's `ok`, the checks under root_group, options, state and setup_data.
// - machine-readable, when K6_NEW_MACHINE_READABLE_SUMMARY is true (internal/cmd/runtime_options.go
//   populateRuntimeOptionsFromEnv, strconv.ParseBool; the shim's only environment is __ENV):
//   internal/lib/summary/machine_readable.go ToMachineReadable, reaching JS through sobek with
//   snake_case field names (js/common/bridge.go FieldName → snaker.CamelToSnake; asserted by
//   internal/cmd/tests/cmd_run_test.go TestMachineReadableSummary). No thresholds, groups, options,
//   state or setup_data.
import { aggregate, evaluate, parseSelector, selects } from './thresholds.ts';
import { shim, type MetricType, type Sample } from './state.ts';

type ThresholdSpec = string | { threshold: string; abortOnFail?: boolean; delayAbortEval?: string };

export interface SummaryInput {
  readonly thresholds: Readonly<Record<string, readonly ThresholdSpec[]>>;
  readonly summaryTrendStats: readonly string[];
  readonly durationMs: number;
  readonly setupData: unknown;
  /** Overrides K6_NEW_MACHINE_READABLE_SUMMARY in __ENV. */
  readonly newMachineReadableSummary?: boolean;
}

/** lib.DefaultSummaryTrendStats. */
const DEFAULT_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];
/** internal/lib/summary/machinereadable/schema_version_const.go SchemaVersion. */
const SCHEMA_VERSION = '1.0.0';
/** The k6 these scenarios are pinned to (internal/build/version.go in a real k6). */
const K6_VERSION = '2.3.0';
/**
 * Metrics --summary-mode=compact (the default) leaves out, matched as name prefixes
 * (internal/output/summary/data.go isSkippedMetric). Full mode leaves out checks and group_duration.
 */
const COMPACT_SKIPPED = ['checks', 'group_duration', 'http_req_blocked', 'http_req_connecting', 'http_req_receiving', 'http_req_sending', 'http_req_tls_handshaking', 'http_req_waiting'];
const FULL_SKIPPED = ['checks', 'group_duration'];

/** Go's strconv.ParseBool, as k6 reads K6_NEW_MACHINE_READABLE_SUMMARY. */
function parseBool(name: string, text: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  throw new Error(`k6: invalid value of ${name}: strconv.ParseBool: parsing "${text}": invalid syntax`);
}

function env(): Record<string, string | undefined> {
  return ((globalThis as { __ENV?: Record<string, string> }).__ENV ?? {}) as Record<string, string | undefined>;
}

/** Whether k6 would build the machine-readable shape for this run. */
export function newMachineReadableSummary(input: Pick<SummaryInput, 'newMachineReadableSummary'> = {}): boolean {
  if (input.newMachineReadableSummary !== undefined) return input.newMachineReadableSummary;
  const text = env().K6_NEW_MACHINE_READABLE_SUMMARY;
  return text === undefined || text === '' ? false : parseBool('K6_NEW_MACHINE_READABLE_SUMMARY', text);
}

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

interface BuiltMetric {
  readonly type: MetricType;
  readonly contains: string;
  /** The recorded values selected by the metric (or sub-metric) key. */
  readonly samples: readonly number[];
  readonly specs: readonly ThresholdSpec[];
}

/** Every observed metric, plus every metric and sub-metric a threshold names (markObserved). */
function observedMetrics(input: SummaryInput): Map<string, BuiltMetric> {
  const keys = new Set([...new Set(shim.samples.map((s) => s.metric))].filter((m) => shim.metrics.has(m)));
  for (const key of Object.keys(input.thresholds)) keys.add(key);
  const out = new Map<string, BuiltMetric>();
  for (const key of keys) {
    const selector = parseSelector(key);
    const info = shim.metrics.get(selector.metric);
    if (!info) throw new Error(`k6: threshold on unknown metric "${selector.metric}"`);
    out.set(key, { type: info.type, contains: info.contains, samples: shim.samples.filter((s) => selects(selector, s)).map((s) => s.value), specs: input.thresholds[key] ?? [] });
  }
  return out;
}

function legacySummary(input: SummaryInput, metrics: Map<string, BuiltMetric>, trendStats: readonly string[], durationS: number): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, m] of metrics) {
    out[key] = {
      type: m.type,
      contains: m.contains,
      values: valuesFor(m.type, m.samples, trendStats, durationS),
      ...(m.specs.length > 0
        ? {
            thresholds: Object.fromEntries(
              m.specs.map((spec) => {
                const expression = typeof spec === 'string' ? spec : spec.threshold;
                return [expression, { ok: evaluate(expression, m.type, m.samples, durationS) }];
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
    metrics: out,
    setup_data: input.setupData,
  };
}

/**
 * machine_readable.go machineReadableMetricValues: counter {count} (rate dropped); gauge {max, min,
 * value}; rate {matches = passes, rate, total = passes + fails}; trend {avg, max, med, min, p90,
 * p95} only, each null when summaryTrendStats lacks it (a nil *float64 is null in JS); p(99),
 * count and any other stat dropped.
 */
function machineReadableValues(type: MetricType, samples: readonly number[], trendStats: readonly string[], durationS: number): Record<string, number | null> {
  const legacy = valuesFor(type, samples, trendStats, durationS);
  switch (type) {
    case 'counter':
      return { count: legacy.count! };
    case 'gauge':
      return { max: legacy.max!, min: legacy.min!, value: legacy.value! };
    case 'rate':
      return { matches: legacy.passes!, rate: legacy.rate!, total: legacy.passes! + legacy.fails! };
    default: {
      const stat = (name: string) => (trendStats.includes(name) ? legacy[name]! : null);
      return { avg: stat('avg'), max: stat('max'), med: stat('med'), min: stat('min'), p90: stat('p(90)'), p95: stat('p(95)') };
    }
  }
}

function machineReadableSummary(metrics: Map<string, BuiltMetric>, trendStats: readonly string[], durationS: number): Record<string, unknown> {
  // --summary-mode, or K6_SUMMARY_MODE (internal/cmd/runtime_options.go); compact by default.
  const skipped = env().K6_SUMMARY_MODE === 'full' ? FULL_SKIPPED : COMPACT_SKIPPED;
  // Go map iteration gives no order (machineReadableSummaryResultsMetricsBuilder ranges over maps):
  // reversed name order here, so that no reader can lean on an order.
  const names = [...metrics.keys()].filter((name) => !skipped.some((prefix) => name.startsWith(prefix))).sort().reverse();
  const entry = (name: string, type: MetricType, contains: string, values: Record<string, number | null>) => ({ contains, name, type, values });
  const ran = checks(shim.samples);
  let checkSection: Record<string, unknown> | null;
  if (ran.length === 0) {
    // populateSummaryChecks returns early without a checks sink; the builder then yields an empty
    // section, whose nil slices reach JS as null (inferred from sobek, not run: k6-notes.md caveats).
    checkSection = { metrics: null, results: null };
  } else {
    const passes = ran.reduce((n, c) => n + c.passes, 0);
    const total = ran.reduce((n, c) => n + c.passes + c.fails, 0);
    checkSection = {
      metrics: [
        entry('checks_total', 'counter', 'default', { count: total }),
        // checks_failed counts failures as its "passes" (data.go populateSummaryChecks).
        entry('checks_failed', 'rate', 'default', { matches: total - passes, rate: total > 0 ? (total - passes) / total : 0, total }),
        entry('checks_succeeded', 'rate', 'default', { matches: passes, rate: total > 0 ? passes / total : 0, total }),
      ],
      results: ran.map(({ name, passes: p, fails }) => ({ fails, name, passes: p })),
    };
  }
  return {
    // config.script is the script's source in k6 (run.go summaryMeta); the shim does not carry it.
    config: { duration: durationS, execution: 'local', script: '' },
    metadata: { generated_at: new Date().toISOString(), k6_version: K6_VERSION },
    results: {
      checks: checkSection,
      metrics: names.map((name) => {
        const m = metrics.get(name)!;
        return entry(name, m.type, m.contains, machineReadableValues(m.type, m.samples, trendStats, durationS));
      }),
    },
    version: SCHEMA_VERSION,
  };
}

export function summaryData(input: SummaryInput): Record<string, unknown> {
  const durationS = input.durationMs / 1000;
  const trendStats = input.summaryTrendStats.length > 0 ? input.summaryTrendStats : DEFAULT_TREND_STATS;
  const metrics = observedMetrics(input);
  return newMachineReadableSummary(input) ? machineReadableSummary(metrics, trendStats, durationS) : legacySummary(input, metrics, trendStats, durationS);
}
