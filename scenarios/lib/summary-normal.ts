// Both handleSummary shapes (summary-data.ts) in one internal form: metrics with the legacy shape's
// value keys, checks, and every threshold with a verdict, its source (k6's own in the legacy shape,
// re-evaluated from the values otherwise) or the reason there is none. Never throws: data in
// neither shape gives an empty summary that says so. Pure and runtime-neutral (k6 runs it in
// handleSummary; `connect-harness k6-combine` reuses the types). docs/k6-reports.md.
import type { LegacySummaryData, MachineReadableMetric, MachineReadableSummaryData, MetricType, SummaryCheck, SummaryGroup } from './summary-data.ts';
import { isLegacy, isMachineReadable } from './summary-data.ts';
import { evaluateThreshold, thresholdSource, type DeclaredThreshold, type NormalMetric, type ThresholdStatus, type ValueSource } from './threshold-eval.ts';

export type SummaryShape = 'legacy' | 'machine-readable' | 'unreadable';

/** Identifies the layout of the JSON report handleSummary writes (summary.ts), for `connect-harness k6-combine`. */
export const summarySchema = 'connect-harness/k6-summary@2';

export interface ThresholdResult {
  readonly metric: string;
  readonly expression: string;
  readonly status: ThresholdStatus;
  /** k6's verdict (legacy shape), or ours from the values (`recomputed`), or none. */
  readonly source: 'k6' | 'recomputed' | 'none';
  /** The value compared, when this code compared one. */
  readonly actual?: number;
  readonly note?: string;
  readonly abortOnFail?: boolean;
}

export interface NormalSummary {
  readonly shape: SummaryShape;
  readonly metrics: Readonly<Record<string, NormalMetric>>;
  readonly checks: readonly SummaryCheck[];
  readonly thresholds: readonly ThresholdResult[];
  /** The test run's duration (k6 counts setup and teardown in it). */
  readonly durationMs: number | undefined;
  /** What setup() returned: the legacy shape only. */
  readonly setupData: unknown;
  /** What this shape could not tell, in a sentence each. */
  readonly notes: readonly string[];
}

export type DeclaredThresholds = Readonly<Record<string, readonly DeclaredThreshold[]>>;

/** Metrics `--summary-mode=compact` (k6's default) leaves out of the machine-readable summary,
 * matched as prefixes (internal/output/summary/data.go isSkippedMetric). */
const COMPACT_SKIPPED = ['checks', 'group_duration', 'http_req_blocked', 'http_req_connecting', 'http_req_receiving', 'http_req_sending', 'http_req_tls_handshaking', 'http_req_waiting'];

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** `p(99.0)` and `p(99)` are one statistic. */
function statKey(key: string): string {
  const p = /^p\((.*)\)$/.exec(key);
  return p && finite(Number(p[1])) ? `p(${Number(p[1])})` : key;
}

function numbers(values: unknown, rename: (key: string) => string = statKey): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof values !== 'object' || values === null) return out;
  for (const [key, value] of Object.entries(values)) if (finite(value)) out[rename(key)] = value;
  return out;
}

const TYPES: readonly string[] = ['counter', 'gauge', 'rate', 'trend'];
const isType = (t: unknown): t is MetricType => typeof t === 'string' && TYPES.includes(t);

function legacyChecks(root: SummaryGroup | undefined): SummaryCheck[] {
  const merged = new Map<string, { passes: number; fails: number }>();
  const walk = (group: SummaryGroup | undefined, depth: number) => {
    if (typeof group !== 'object' || group === null || depth > 32) return;
    for (const c of Array.isArray(group.checks) ? group.checks : []) {
      if (typeof c?.name !== 'string') continue;
      const entry = merged.get(c.name) ?? { passes: 0, fails: 0 };
      merged.set(c.name, { passes: entry.passes + (finite(c.passes) ? c.passes : 0), fails: entry.fails + (finite(c.fails) ? c.fails : 0) });
    }
    for (const g of Array.isArray(group.groups) ? group.groups : []) walk(g, depth + 1);
  };
  walk(root, 0);
  return [...merged].map(([name, counts]) => ({ name, ...counts }));
}

/** The machine-readable values under the legacy shape's keys (machine_readable.go machineReadableMetricValues, reversed). */
function fromMachineReadable(m: MachineReadableMetric, durationS: number | undefined): NormalMetric | undefined {
  if (!isType(m.type)) return undefined;
  const raw = numbers(m.values, (key) => (key === 'p90' ? 'p(90)' : key === 'p95' ? 'p(95)' : statKey(key)));
  let values: Record<string, number>;
  switch (m.type) {
    case 'rate':
      values = finite(raw.matches) && finite(raw.total) ? { rate: raw.rate ?? 0, passes: raw.matches, fails: raw.total - raw.matches } : {};
      break;
    case 'counter':
      // The machine-readable counter drops `rate`; the legacy one is count / test duration.
      values = finite(raw.count) ? { count: raw.count, ...(durationS !== undefined && durationS > 0 ? { rate: raw.count / durationS } : {}) } : {};
      break;
    default:
      values = raw;
  }
  return { type: m.type, contains: typeof m.contains === 'string' ? m.contains : 'default', values };
}

function normaliseLegacy(data: LegacySummaryData): Omit<NormalSummary, 'thresholds'> & { verdicts: Map<string, boolean> } {
  const metrics: Record<string, NormalMetric> = {};
  const verdicts = new Map<string, boolean>();
  for (const [name, m] of Object.entries(data.metrics)) {
    if (typeof m !== 'object' || m === null || !isType(m.type)) continue;
    metrics[name] = { type: m.type, contains: typeof m.contains === 'string' ? m.contains : 'default', values: numbers(m.values) };
    if (typeof m.thresholds === 'object' && m.thresholds !== null) {
      for (const [expression, t] of Object.entries(m.thresholds)) if (typeof t?.ok === 'boolean') verdicts.set(`${name}\u0000${expression}`, t.ok);
    }
  }
  const duration = data.state?.testRunDurationMs;
  return { shape: 'legacy', metrics, checks: legacyChecks(data.root_group), durationMs: finite(duration) ? duration : undefined, setupData: data.setup_data, notes: [], verdicts };
}

function normaliseMachineReadable(data: MachineReadableSummaryData, declared: DeclaredThresholds): Omit<NormalSummary, 'thresholds'> {
  const durationS = finite(data.config?.duration) ? data.config.duration : undefined;
  const metrics: Record<string, NormalMetric> = {};
  const entries = Array.isArray(data.results.metrics) ? data.results.metrics : [];
  for (const m of entries) {
    if (typeof m?.name !== 'string') continue;
    const normal = fromMachineReadable(m, durationS);
    if (normal) metrics[m.name] = normal;
  }
  const checkSection = data.results.checks;
  const checkMetrics = Array.isArray(checkSection?.metrics) ? checkSection.metrics : [];
  const checks = (Array.isArray(checkSection?.results) ? checkSection.results : [])
    .filter((c) => typeof c?.name === 'string')
    .map((c) => ({ name: c.name, passes: finite(c.passes) ? c.passes : 0, fails: finite(c.fails) ? c.fails : 0 }));
  const notes = ['machine-readable summary: k6 passes no threshold verdicts in it; each threshold was re-evaluated from the values it carries'];
  // The `checks` Rate is left out of results.metrics (compact and full mode alike); checks_succeeded
  // carries its values (internal/output/summary/data.go populateSummaryChecks).
  if (metrics.checks === undefined) {
    const succeeded = checkMetrics.find((m) => m?.name === 'checks_succeeded');
    const normal = succeeded ? fromMachineReadable({ ...succeeded, type: 'rate' }, durationS) : undefined;
    if (normal) metrics.checks = normal;
    else if (declared.checks !== undefined && checks.length === 0) {
      // No check ran: k6 keeps no checks section, and a Rate threshold without samples passes.
      metrics.checks = { type: 'rate', contains: 'default', values: { rate: 0, passes: 0, fails: 0 } };
    }
  }
  return { shape: 'machine-readable', metrics, checks, durationMs: durationS === undefined ? undefined : durationS * 1000, setupData: undefined, notes };
}

function missingMetricNote(metric: string): string | undefined {
  const base = metric.split('{')[0]!;
  return COMPACT_SKIPPED.some((prefix) => base.startsWith(prefix)) ? `${base} is left out of the summary by --summary-mode=compact (k6's default); --summary-mode=full keeps it` : undefined;
}

function sortThresholds(list: ThresholdResult[]): ThresholdResult[] {
  return list.sort((a, b) => a.metric.localeCompare(b.metric) || a.expression.localeCompare(b.expression));
}

/**
 * `declared`: the thresholds the scenario declared (its exported `options.thresholds`, which k6
 * overwrites with the options in force in every VU, handleSummary's included). In the legacy shape
 * k6's verdicts win; a declared threshold without one, and every threshold of the other shape, is
 * re-evaluated from the values.
 */
export function normaliseSummary(data: unknown, declared: DeclaredThresholds = {}): NormalSummary {
  const base = isMachineReadable(data)
    ? { ...normaliseMachineReadable(data, declared), verdicts: new Map<string, boolean>() }
    : isLegacy(data)
      ? normaliseLegacy(data)
      : undefined;
  if (base === undefined) {
    const thresholds = Object.entries(declared).flatMap(([metric, list]) =>
      (Array.isArray(list) ? list : []).map((t): ThresholdResult => ({ metric, expression: thresholdSource(t), status: 'unavailable', source: 'none', note: 'the summary data is in neither shape k6 documents' })),
    );
    return { shape: 'unreadable', metrics: {}, checks: [], thresholds: sortThresholds(thresholds), durationMs: undefined, setupData: undefined, notes: ['the data k6 passed to handleSummary is in neither summary shape this code knows; no verdict could be read or computed'] };
  }
  const { verdicts, ...summary } = base;
  const from: ValueSource = summary.shape === 'legacy' ? 'legacy' : 'machine-readable';
  const durationS = summary.durationMs === undefined ? undefined : summary.durationMs / 1000;
  const seen = new Set<string>();
  const thresholds: ThresholdResult[] = [];
  const add = (metric: string, expression: string, abortOnFail: boolean | undefined) => {
    const key = `${metric}\u0000${expression}`;
    if (seen.has(key)) return;
    seen.add(key);
    const flags = abortOnFail ? { abortOnFail } : {};
    const k6Verdict = verdicts.get(key);
    const evaluation = evaluateThreshold(expression, summary.metrics[metric], durationS, from);
    if (k6Verdict !== undefined) {
      // k6's verdict stands; the value is shown beside it when the summary carries it.
      const actual = evaluation.actual === undefined ? {} : { actual: evaluation.actual };
      thresholds.push({ metric, expression, status: k6Verdict ? 'ok' : 'crossed', source: 'k6', ...actual, ...flags });
      return;
    }
    const note = summary.metrics[metric] === undefined ? (missingMetricNote(metric) ?? evaluation.note) : evaluation.note;
    thresholds.push({
      metric,
      expression,
      status: evaluation.status,
      source: evaluation.status === 'unavailable' ? 'none' : 'recomputed',
      ...(evaluation.actual === undefined ? {} : { actual: evaluation.actual }),
      ...(note === undefined ? {} : { note }),
      ...flags,
    });
  };
  for (const [metric, list] of Object.entries(declared)) {
    for (const t of Array.isArray(list) ? list : []) add(metric, thresholdSource(t), typeof t === 'object' && t.abortOnFail === true);
  }
  for (const key of verdicts.keys()) {
    const [metric, expression] = key.split('\u0000') as [string, string];
    add(metric, expression, undefined);
  }
  return { ...summary, thresholds: sortThresholds(thresholds) };
}

/** `passed` over the verdicts: false if any crossed, null if none crossed but some are unknown. */
export function thresholdsPassed(thresholds: readonly ThresholdResult[]): boolean | null {
  if (thresholds.some((t) => t.status === 'crossed')) return false;
  return thresholds.some((t) => t.status === 'unavailable') ? null : true;
}
