// The two shapes of the object k6 passes to handleSummary. @types/k6 declares neither; only what the
// summary code reads is typed here, and every field is optional in practice: summary-normal.ts reads
// both defensively and never throws (docs/k6-reports.md).
//
// Legacy (the default in k6 2.x): built by internal/js/summary.go summarizeMetricsToObject.
//   { root_group, options, state, metrics: { <name or name{tag:value}>: { type, contains, values,
//     thresholds?: { <source>: { ok } } } }, setup_data? }
// Machine-readable (`--new-machine-readable-summary` / K6_NEW_MACHINE_READABLE_SUMMARY=true, k6 ≥ 1.5):
// built by internal/lib/summary/machine_readable.go ToMachineReadable, handed to JS through sobek
// with snake_case field names (js/common/bridge.go FieldName).
//   { version, config: { duration (s), execution, script }, metadata: { generated_at, k6_version },
//     results: { checks?: { metrics: [checks_total, checks_failed, checks_succeeded], results: [...] },
//                metrics: [ { name, type, contains, values } ] } }
//   No thresholds, groups, options, state or setup_data at all.

export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';

export interface LegacyMetric {
  readonly type: MetricType;
  readonly contains: string;
  /** counter {count, rate}; gauge {value, min, max}; rate {rate, passes, fails}; trend: the summaryTrendStats. */
  readonly values: Readonly<Record<string, number>>;
  readonly thresholds?: Readonly<Record<string, { readonly ok: boolean }>>;
}

export interface SummaryCheck {
  readonly name: string;
  readonly passes: number;
  readonly fails: number;
}

export interface SummaryGroup {
  readonly name: string;
  readonly groups?: readonly SummaryGroup[];
  readonly checks?: readonly SummaryCheck[];
}

export interface LegacySummaryData {
  /** Metric and sub-metric (`name{tag:value}`, present when a threshold names it) → aggregate. */
  readonly metrics: Readonly<Record<string, LegacyMetric>>;
  readonly root_group?: SummaryGroup;
  readonly options?: { readonly summaryTrendStats?: readonly string[] };
  readonly state?: { readonly testRunDurationMs?: number };
  /** What setup() returned (JSON), absent without setup(). */
  readonly setup_data?: unknown;
}

/** One entry of results.metrics (or results.checks.metrics) in the machine-readable shape. */
export interface MachineReadableMetric {
  readonly name: string;
  readonly type: MetricType;
  readonly contains: string;
  /**
   * counter {count}; gauge {max, min, value}; rate {matches, rate, total};
   * trend {avg, max, med, min, p90, p95}, a stat missing from summaryTrendStats being null.
   */
  readonly values: Readonly<Record<string, number | null>>;
}

export interface MachineReadableSummaryData {
  readonly version: string;
  readonly config?: { readonly duration?: number; readonly execution?: string; readonly script?: string | null };
  readonly metadata?: { readonly generated_at?: unknown; readonly k6_version?: string };
  readonly results: {
    readonly checks?: { readonly metrics?: readonly MachineReadableMetric[] | null; readonly results?: readonly SummaryCheck[] | null } | null;
    readonly metrics?: readonly MachineReadableMetric[] | null;
  };
}

/** What handleSummary receives: either shape (or, defensively, anything). */
export type SummaryData = LegacySummaryData | MachineReadableSummaryData;

export function isMachineReadable(data: unknown): data is MachineReadableSummaryData {
  return typeof data === 'object' && data !== null && 'results' in data && typeof (data as { results: unknown }).results === 'object' && (data as { results: unknown }).results !== null;
}

export function isLegacy(data: unknown): data is LegacySummaryData {
  return typeof data === 'object' && data !== null && 'metrics' in data && typeof (data as { metrics: unknown }).metrics === 'object' && !Array.isArray((data as { metrics: unknown }).metrics);
}
