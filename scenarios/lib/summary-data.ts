// The shape of the object k6 passes to handleSummary (k6 docs, "Custom summary", summary data
// reference). @types/k6 does not declare it; only what the summary code reads is typed here.

export interface SummaryMetric {
  readonly type: 'counter' | 'gauge' | 'rate' | 'trend';
  readonly contains: string;
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

export interface SummaryData {
  /** Metric and sub-metric (`name{tag:value}`, present when a threshold names it) → aggregate. */
  readonly metrics: Readonly<Record<string, SummaryMetric>>;
  readonly root_group?: SummaryGroup;
  readonly state?: { readonly testRunDurationMs?: number };
}

export interface ThresholdResult {
  readonly metric: string;
  readonly expression: string;
  readonly ok: boolean;
}

export function thresholdResults(data: SummaryData): ThresholdResult[] {
  const out: ThresholdResult[] = [];
  for (const [metric, entry] of Object.entries(data.metrics)) {
    for (const [expression, { ok }] of Object.entries(entry.thresholds ?? {})) out.push({ metric, expression, ok });
  }
  return out.sort((a, b) => a.metric.localeCompare(b.metric) || a.expression.localeCompare(b.expression));
}

/** Every check, groups flattened, same names merged. */
export function checkResults(data: SummaryData): SummaryCheck[] {
  const merged = new Map<string, { passes: number; fails: number }>();
  const walk = (group: SummaryGroup | undefined) => {
    for (const c of group?.checks ?? []) {
      const entry = merged.get(c.name) ?? { passes: 0, fails: 0 };
      merged.set(c.name, { passes: entry.passes + c.passes, fails: entry.fails + c.fails });
    }
    for (const g of group?.groups ?? []) walk(g);
  };
  walk(data.root_group);
  return [...merged].map(([name, counts]) => ({ name, ...counts }));
}
