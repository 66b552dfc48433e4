// `connect-harness k6-combine`: one verdict from the JSON summaries several k6 instances wrote for
// one test (the pods of a k6-operator TestRun, each running an execution segment and its own
// handleSummary): grouped by test id and scenario, counts summed, every threshold re-evaluated on
// the combined figures, and for the capacity scenario the step table and verdict of the whole
// test. Percentiles cannot be merged from summaries (they carry no histogram): a combined p(N) or
// median is only known to lie between the pods' lowest and highest, and a threshold holds only
// when it holds over that whole range. docs/k6-reports.md.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { capacityVerdict, stepTable, type CapacityVerdict, type PlanSource, type StepPlan } from '../../../scenarios/lib/capacity-steps.ts';
import { summarySchema, thresholdsPassed, type NormalSummary, type ThresholdResult } from '../../../scenarios/lib/summary-normal.ts';
import { evaluateThreshold, type NormalMetric, type ValueSource } from '../../../scenarios/lib/threshold-eval.ts';
import { UsageError, type Command } from '../command.ts';
import { prepareOutputFiles } from '../report-files.ts';

const usage = `Usage: connect-harness k6-combine [options] FILE|DIR...

Combines the JSON summaries the k6 scenarios' handleSummary writes (<scenario>-summary.json; a
directory means every such file in it), one per k6 instance of the same test (the pods of a
k6-operator TestRun), into one verdict per test id and scenario:
  counts are summed (checks, starts, failures, throttles, counters), so shares are exact;
  percentiles are not mergeable from summaries: a combined p(95) lies between the pods' lowest
    and highest p(95), the highest is reported, and a threshold holds only if it holds over
    that range (otherwise it counts as crossed, marked "approximate");
  capacity: each step's starts and outcomes summed, achieved rates summed, the verdict re-derived.
Exit 0 when every threshold holds (capacity: the knee was found, or every step held), 1 when the
SLO failed or cannot be shown, 2 on bad input (not our summaries, plans that differ, no file).

  --testid ID       combine only this test id's summaries
  --json FILE       also write the combined verdicts as JSON
`;

interface ReportThreshold {
  readonly metric: string;
  readonly expression: string;
}

/** The parts of a handleSummary JSON report (scenarios/lib/summary.ts) combined here. */
export interface SummaryReport {
  readonly schema: string;
  readonly scenario: string;
  readonly testId: string;
  readonly summaryShape: string;
  readonly durationMs?: number;
  readonly thresholds: readonly ReportThreshold[];
  readonly checks: readonly { readonly name: string; readonly passes: number; readonly fails: number }[];
  readonly metrics: Readonly<Record<string, NormalMetric>>;
  readonly capacityVerdict?: { readonly plan: StepPlan & { readonly segment?: number; readonly source?: PlanSource } };
  readonly error?: string;
}

export interface CombinedThreshold extends ThresholdResult {
  /** The combined value came from percentiles of several pods: only bounds are known. */
  readonly approximate?: { readonly low: number | undefined; readonly high: number | undefined };
}

export interface CombinedGroup {
  readonly testId: string;
  readonly scenario: string;
  readonly files: readonly string[];
  /** The share of the test the summaries cover (sum of the pods' execution segments), when known. */
  readonly coverage: number | undefined;
  readonly durationMs: number | undefined;
  readonly passed: boolean | null;
  readonly thresholds: readonly CombinedThreshold[];
  readonly checks: readonly { name: string; passes: number; fails: number }[];
  /** Combined metrics, percentiles at the pods' highest (the conservative bound for latency). */
  readonly metrics: Readonly<Record<string, NormalMetric>>;
  readonly capacityVerdict?: CapacityVerdict;
  readonly notes: readonly string[];
  readonly exitCode: 0 | 1;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A report, checked enough that combining it cannot go wrong silently. */
export function parseReport(file: string, text: string): SummaryReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${file}: not JSON`);
  }
  if (!isObject(value) || value.schema !== summarySchema) throw new UsageError(`${file}: not a summary written by the k6 scenarios' handleSummary (schema ${summarySchema})`);
  if (typeof value.error === 'string' || value.summaryShape === 'unreadable') {
    const why = typeof value.error === 'string' ? value.error : 'the data k6 passed was in neither summary shape';
    throw new UsageError(`${file}: that instance's handleSummary could not read its data (${why}); its figures are missing`);
  }
  if (typeof value.scenario !== 'string' || typeof value.testId !== 'string' || !Array.isArray(value.thresholds) || !Array.isArray(value.checks) || !isObject(value.metrics)) {
    throw new UsageError(`${file}: the summary lacks scenario, testId, thresholds, checks or metrics`);
  }
  for (const [name, m] of Object.entries(value.metrics)) {
    if (!isObject(m) || !['counter', 'gauge', 'rate', 'trend'].includes(m.type as string) || !isObject(m.values)) throw new UsageError(`${file}: metric ${name} is malformed`);
  }
  return value as unknown as SummaryReport;
}

async function reportFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw new UsageError(`${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    if (info.isDirectory()) {
      const found = (await readdir(path)).filter((f) => f.endsWith('-summary.json')).sort();
      if (found.length === 0) throw new UsageError(`${path}: no *-summary.json in this directory`);
      files.push(...found.map((f) => join(path, f)));
    } else files.push(path);
  }
  return [...new Set(files)];
}

function sumBy<T>(items: readonly T[], f: (t: T) => number | undefined): number | undefined {
  let total = 0;
  for (const item of items) {
    const v = f(item);
    if (!finite(v)) return undefined;
    total += v;
  }
  return total;
}

/**
 * One metric over the pods that have it: `low` and `high` differ only in percentiles (and the
 * median), which are bounded by the pods' lowest and highest. Pods whose trend has no samples
 * (count 0) do not bound anything.
 */
function combineMetric(name: string, parts: readonly NormalMetric[]): { low: NormalMetric; high: NormalMetric } {
  const type = parts[0]!.type;
  if (parts.some((p) => p.type !== type)) throw new UsageError(`metric ${name} is a ${type} in one summary and a ${parts.find((p) => p.type !== type)!.type} in another`);
  const contains = parts[0]!.contains;
  const keys = [...new Set(parts.flatMap((p) => Object.keys(p.values)))].filter((k) => parts.every((p) => finite(p.values[k])));
  const low: Record<string, number> = {};
  const high: Record<string, number> = {};
  const set = (key: string, value: number | undefined) => {
    if (value !== undefined) low[key] = high[key] = value;
  };
  switch (type) {
    case 'rate': {
      const passes = sumBy(parts, (p) => p.values.passes);
      const fails = sumBy(parts, (p) => p.values.fails);
      if (passes !== undefined && fails !== undefined) {
        set('passes', passes);
        set('fails', fails);
        set('rate', passes + fails === 0 ? 0 : passes / (passes + fails));
      }
      break;
    }
    case 'counter':
    case 'gauge':
      // Counters add up; so do gauges such as vus (each pod reports its own share).
      for (const key of keys) set(key, sumBy(parts, (p) => p.values[key]));
      break;
    case 'trend': {
      const counted = keys.includes('count');
      const withSamples = counted ? parts.filter((p) => p.values.count! > 0) : parts;
      const bounding = withSamples.length > 0 ? withSamples : parts;
      const total = counted ? sumBy(parts, (p) => p.values.count) : undefined;
      for (const key of keys) {
        const values = bounding.map((p) => p.values[key]!);
        if (key === 'count') set(key, total);
        else if (key === 'min') set(key, Math.min(...values));
        else if (key === 'max') set(key, Math.max(...values));
        else if (key === 'avg' && counted) set(key, total === 0 ? 0 : sumBy(withSamples, (p) => p.values.avg! * p.values.count!)! / total!);
        else {
          // Percentiles, the median, and an average without counts: only bounds.
          low[key] = Math.min(...values);
          high[key] = Math.max(...values);
        }
      }
      break;
    }
  }
  return { low: { type, contains, values: low }, high: { type, contains, values: high } };
}

function combineGroup(testId: string, scenario: string, reports: readonly { file: string; report: SummaryReport }[]): CombinedGroup {
  const notes: string[] = [];
  const shapes = [...new Set(reports.map((r) => r.report.summaryShape))];
  if (shapes.length > 1) notes.push(`the summaries come in different shapes (${shapes.join(', ')}): only the values all of them carry are combined`);
  const names = [...new Set(reports.flatMap((r) => Object.keys(r.report.metrics)))].sort();
  const low: Record<string, NormalMetric> = {};
  const high: Record<string, NormalMetric> = {};
  for (const name of names) {
    const parts = reports.map((r) => r.report.metrics[name]).filter((m): m is NormalMetric => m !== undefined);
    ({ low: low[name], high: high[name] } = combineMetric(name, parts));
  }
  const durations = reports.map((r) => r.report.durationMs).filter(finite);
  const durationMs = durations.length === 0 ? undefined : Math.max(...durations);
  const durationS = durationMs === undefined ? undefined : durationMs / 1000;
  const from: ValueSource = shapes.length > 1 ? 'combined' : shapes[0] === 'machine-readable' ? 'machine-readable' : 'legacy';

  const seen = new Set<string>();
  const thresholds: CombinedThreshold[] = [];
  for (const { report } of reports) {
    for (const t of report.thresholds) {
      const key = `${t.metric}\u0000${t.expression}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const a = evaluateThreshold(t.expression, low[t.metric], durationS, from);
      const b = evaluateThreshold(t.expression, high[t.metric], durationS, from);
      const bounded = a.actual !== b.actual;
      const approximate = bounded ? { approximate: { low: a.actual, high: b.actual } } : {};
      if (a.status === 'unavailable' || b.status === 'unavailable') {
        thresholds.push({ metric: t.metric, expression: t.expression, status: 'unavailable', source: 'none', note: a.note ?? b.note ?? 'no combined value' });
      } else if (a.status === b.status) {
        thresholds.push({ metric: t.metric, expression: t.expression, status: a.status, source: 'recomputed', ...(b.actual === undefined ? {} : { actual: b.actual }), ...approximate, ...(a.note ? { note: a.note } : {}) });
      } else {
        thresholds.push({
          metric: t.metric,
          expression: t.expression,
          status: 'crossed',
          source: 'recomputed',
          ...approximate,
          note: `approximate: the pods' values range from ${a.actual} to ${b.actual}, which straddles the limit; merged percentiles are only bounded, so this counts as crossed`,
        });
      }
    }
  }
  thresholds.sort((x, y) => x.metric.localeCompare(y.metric) || x.expression.localeCompare(y.expression));

  const checks = new Map<string, { passes: number; fails: number }>();
  for (const { report } of reports) {
    for (const c of report.checks) {
      const entry = checks.get(c.name) ?? { passes: 0, fails: 0 };
      checks.set(c.name, { passes: entry.passes + (finite(c.passes) ? c.passes : 0), fails: entry.fails + (finite(c.fails) ? c.fails : 0) });
    }
  }

  const segments = reports.map((r) => r.report.capacityVerdict?.plan.segment);
  const coverage = segments.every(finite) ? segments.reduce((a, b) => a + b, 0) : undefined;
  if (coverage !== undefined && Math.abs(coverage - 1) > 1e-6) {
    notes.push(`the summaries cover ${(coverage * 100).toFixed(1)}% of the test (the sum of their execution segments): ${coverage < 1 ? 'some instances\u2019 summaries are missing' : 'some instance was given twice'}`);
  }
  const normal: NormalSummary = { shape: 'legacy', metrics: high, checks: [...checks].map(([name, c]) => ({ name, ...c })), thresholds, durationMs, setupData: undefined, notes };

  let capacity: CapacityVerdict | undefined;
  const plans = reports.map((r) => r.report.capacityVerdict?.plan).filter((p) => p !== undefined);
  if (plans.length > 0) {
    if (plans.length !== reports.length) throw new UsageError(`testid ${testId}, ${scenario}: only some summaries carry a capacity verdict`);
    const same = (p: StepPlan) => JSON.stringify([p.stepRates, p.stepSeconds, p.rampSeconds]);
    if (new Set(plans.map(same)).size > 1) throw new UsageError(`testid ${testId}, ${scenario}: the summaries ran different step plans (${[...new Set(plans.map(same))].join(' vs ')})`);
    capacity = capacityVerdict(normal, plans[0]!, plans[0]!.source ?? 'setup_data', Math.min(1, coverage ?? 1));
    notes.push('per-step latency is the highest of the pods\u2019 percentiles (an upper bound: percentiles cannot be merged from summaries)');
  }
  const passed = thresholdsPassed(thresholds);
  const exitCode: 0 | 1 = capacity !== undefined ? capacity.exitAdvice.code : passed === true ? 0 : 1;
  return { testId, scenario, files: reports.map((r) => r.file), coverage, durationMs, passed, thresholds, checks: normal.checks, metrics: high, ...(capacity ? { capacityVerdict: capacity } : {}), notes, exitCode };
}

/** Groups the reports by test id and scenario and combines each group. */
export function combineReports(reports: readonly { file: string; report: SummaryReport }[]): CombinedGroup[] {
  const groups = new Map<string, { file: string; report: SummaryReport }[]>();
  for (const r of reports) {
    const key = `${r.report.testId}\u0000${r.report.scenario}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups].map(([key, members]) => {
    const [testId, scenario] = key.split('\u0000') as [string, string];
    return combineGroup(testId, scenario, members);
  });
}

function render(group: CombinedGroup): string {
  const lines = [
    `k6-combine: testid ${group.testId}, ${group.scenario}: ${group.files.length} summar${group.files.length === 1 ? 'y' : 'ies'}${group.coverage === undefined ? '' : ` covering ${(group.coverage * 100).toFixed(1)}% of the test`}`,
  ];
  for (const t of group.thresholds) {
    const mark = t.status === 'ok' ? 'ok  ' : t.status === 'crossed' ? 'FAIL' : 'n/a ';
    lines.push(`  ${mark} ${t.metric} ${t.expression}${t.note === undefined ? '' : ` (${t.note})`}`);
  }
  for (const c of group.checks) lines.push(`  ${c.fails === 0 ? 'ok  ' : 'FAIL'} check "${c.name}": ${c.passes} passed, ${c.fails} failed`);
  if (group.capacityVerdict !== undefined) {
    lines.push(`  capacity: ${group.capacityVerdict.headline}`);
    for (const row of stepTable(group.capacityVerdict)) lines.push(`    ${row}`);
    for (const reason of group.capacityVerdict.why) lines.push(`    why: ${reason}`);
  }
  for (const note of group.notes) lines.push(`  note: ${note}`);
  const verdict =
    group.capacityVerdict !== undefined
      ? `${group.capacityVerdict.verdict}: ${group.capacityVerdict.exitAdvice.reason}`
      : group.passed === true
        ? 'every threshold holds'
        : group.passed === false
          ? 'THRESHOLDS CROSSED'
          : 'no threshold crossed, but some verdicts are unavailable';
  lines.push(`  exit ${group.exitCode}: ${verdict}`);
  return `${lines.join('\n')}\n`;
}

export const k6CombineCommand: Command = {
  name: 'k6-combine',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { testid: { type: 'string' }, json: { type: 'string' } } });
    if (positionals.length === 0) throw new UsageError('give the summary files, or a directory holding them');
    // A test id is what the scenarios accept as TEST_ID (it becomes a tag).
    if (values.testid !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(values.testid)) throw new UsageError(`--testid must be 1 to 64 characters of A-Z a-z 0-9 . _ -, got "${values.testid}"`);
    await prepareOutputFiles({ json: values.json });
    const reports: { file: string; report: SummaryReport }[] = [];
    for (const file of await reportFiles(positionals)) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new UsageError(`${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      reports.push({ file, report: parseReport(file, text) });
    }
    const chosen = values.testid === undefined ? reports : reports.filter((r) => r.report.testId === values.testid);
    if (chosen.length === 0) throw new UsageError(`no summary of testid ${values.testid} (found: ${[...new Set(reports.map((r) => r.report.testId))].join(', ')})`);
    const groups = combineReports(chosen);
    for (const group of groups) io.stdout(render(group));
    if (values.json !== undefined) await writeFile(values.json, `${JSON.stringify(groups, null, 2)}\n`);
    return Math.max(...groups.map((g) => g.exitCode));
  },
};
