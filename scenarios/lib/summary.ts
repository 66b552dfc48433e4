// handleSummary for every scenario: a JSON report, a JUnit report and a short text summary on
// stdout (exporting handleSummary replaces k6's own). Either summary shape k6 may pass (legacy, or
// machine-readable with --new-machine-readable-summary) is read through summary-normal.ts; what a
// shape lacks is said in the report, never guessed, and nothing here throws: data it cannot read
// still gives complete files that say so. Everything comes from aggregates, so no id or token can
// reach a summary. Files go to SUMMARY_DIR as <scenario>-summary.json and <scenario>-junit.xml
// (<scenario>.seg-<from>-<to>-… for one instance of a segmented run). docs/k6-reports.md.
import { k6BuiltinMetrics, k6MetricPrefix, k6Metrics } from '../../harness/contract/metric-names.ts';
import { capacityVerdict, planInForce, segmentFraction, stepTable, type CapacityVerdict, type StepPlan } from './capacity-steps.ts';
import { checkNames } from './check-names.ts';
import { settings } from './env.ts';
import { junitError, junitReport } from './junit.ts';
import { normaliseSummary, summarySchema, thresholdsPassed, type DeclaredThresholds, type NormalSummary } from './summary-normal.ts';
import type { NormalMetric } from './threshold-eval.ts';

const REPORTED_BUILTINS: ReadonlySet<string> = new Set([...Object.values(k6BuiltinMetrics), 'http_reqs', 'http_req_failed']);

export interface SummaryOptions {
  /** The scenario's exported `options`: its thresholds are re-evaluated where k6 gives no verdict. */
  readonly options?: unknown;
  /** The capacity scenario: its name under options.scenarios and the plan computed at init. */
  readonly capacity?: { readonly scenario: string; readonly initPlan: StepPlan };
}

function targetKind(): 'aws' | 'local' | 'endpoint' {
  if (settings.realAws) return 'aws';
  return /^(127\.|localhost(:|$)|\[::1\])/.test(settings.host) ? 'local' : 'endpoint';
}

/**
 * `<scenario>` for a whole test; `<scenario>.seg-1of3-2of3` for one instance of a k6-operator run
 * (options.executionSegment set), so that pods writing to one shared SUMMARY_DIR keep apart and
 * `connect-harness k6-combine DIR` finds them all.
 */
export function reportName(scenario: string, options: unknown): string {
  const segment = (options as { executionSegment?: unknown } | undefined)?.executionSegment;
  if (typeof segment !== 'string' || segment.trim() === '') return scenario;
  const [from, to] = segment.includes(':') ? segment.split(':') : ['0', segment];
  const part = (text: string | undefined) => (text ?? '').trim().replace(/\//g, 'of').replace(/%/g, 'pct').replace(/\./g, 'p').replace(/[^A-Za-z0-9]/g, '') || '0';
  return `${scenario}.seg-${part(from)}-${part(to)}`;
}

function declaredThresholds(options: unknown): DeclaredThresholds {
  const t = (options as { thresholds?: unknown } | undefined)?.thresholds;
  return typeof t === 'object' && t !== null ? (t as DeclaredThresholds) : {};
}

/**
 * Durations in the JSON report are milliseconds to 0.1 ms, as in every report of the harness: k6
 * hands them over at nanosecond resolution (457.489858), which is noise to a reader. Only time
 * metrics are rounded: a rate of 0.0123 is not a duration.
 */
const roundMs = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms * 10) / 10);

function isTime(normal: NormalSummary, metric: string): boolean {
  return normal.metrics[metric]?.contains === 'time';
}

/** Our metrics, the builtins worth keeping, and every metric a threshold names: what k6-combine needs. */
function reportedMetrics(normal: NormalSummary): Record<string, NormalMetric> {
  const thresholded = new Set(normal.thresholds.map((t) => t.metric));
  const out: Record<string, NormalMetric> = {};
  for (const name of Object.keys(normal.metrics).sort()) {
    const base = name.split('{')[0]!;
    if (!(base.startsWith(k6MetricPrefix) || REPORTED_BUILTINS.has(base) || thresholded.has(name))) continue;
    const metric = normal.metrics[name]!;
    out[name] = metric.contains !== 'time' ? metric : { ...metric, values: Object.fromEntries(Object.entries(metric.values).map(([k, v]) => [k, k === 'count' ? v : roundMs(v)!])) };
  }
  return out;
}

function ledgerNote(normal: NormalSummary): Record<string, unknown> | undefined {
  if (!settings.contactLedger && !settings.stopContacts) return undefined;
  const started = normal.metrics[k6Metrics.contactsStarted]?.values.count ?? 0;
  const stopCheck = normal.checks.find((c) => c.name === checkNames.contactStopped);
  return {
    contactsStarted: started,
    stoppedWithinIterations: settings.stopContacts ? { stopped: stopCheck?.passes ?? 0, failed: stopCheck?.fails ?? 0 } : 'not asked',
    ledger: settings.contactLedger
      ? 'each started ContactId is sample metadata "contact_id" of webrtc_contacts_started in k6 --out json=FILE; stop leftovers with: npx connect-harness stop-contacts --file FILE'
      : 'not kept (CONTACT_LEDGER=1 keeps one)',
  };
}

function headline(passed: boolean | null): string {
  if (passed === true) return 'all thresholds hold';
  if (passed === false) return 'THRESHOLDS CROSSED';
  return 'no threshold crossed, but some verdicts are unavailable';
}

function text(scenario: string, normal: NormalSummary, passed: boolean | null, capacity: CapacityVerdict | undefined, cleanup: Record<string, unknown> | undefined): string {
  const lines = [`k6 ${scenario} (testid ${settings.testId}, ${targetKind()} target, ${normal.shape} summary): ${headline(passed)}`];
  for (const t of normal.thresholds) {
    const mark = t.status === 'ok' ? 'ok  ' : t.status === 'crossed' ? 'FAIL' : 'n/a ';
    lines.push(`  ${mark} ${t.metric} ${t.expression}${t.note === undefined ? '' : ` (${t.note})`}`);
  }
  for (const c of normal.checks) lines.push(`  ${c.fails === 0 ? 'ok  ' : 'FAIL'} check "${c.name}": ${c.passes} passed, ${c.fails} failed`);
  if (capacity !== undefined) {
    lines.push(`  capacity: ${capacity.headline}`);
    for (const row of stepTable(capacity)) lines.push(`    ${row}`);
    for (const reason of capacity.why) lines.push(`    why: ${reason}`);
    const k6 = capacity.exitAdvice.k6ExitCode === null ? 'k6 exit code unknown from this summary' : `k6 exits ${capacity.exitAdvice.k6ExitCode}`;
    lines.push(`  ${k6}; CI should exit ${capacity.exitAdvice.code} (${capacity.exitAdvice.reason}); combine pods with: npx connect-harness k6-combine DIR`);
    lines.push(`  plan from ${capacity.plan.source}${capacity.plan.segment === 1 ? '' : `, this instance runs ${(capacity.plan.segment * 100).toFixed(1)}% of it`}`);
  }
  for (const note of normal.notes) lines.push(`  note: ${note}`);
  if (cleanup !== undefined) lines.push(`  cleanup: ${JSON.stringify(cleanup)}`);
  return `${lines.join('\n')}\n`;
}

function outputs(scenario: string, normal: NormalSummary, opts: SummaryOptions): Record<string, string> {
  const passed = normal.shape === 'unreadable' ? null : thresholdsPassed(normal.thresholds);
  let capacity: CapacityVerdict | undefined;
  const notes = [...normal.notes];
  if (opts.capacity !== undefined) {
    const { plan, source } = planInForce(normal, opts.options, opts.capacity.scenario, opts.capacity.initPlan);
    if (normal.shape === 'machine-readable') notes.push(`the machine-readable summary has no setup_data: the step plan came from ${source === 'options' ? 'the options in force' : 'the init code'}`);
    capacity = capacityVerdict(normal, plan, source, segmentFraction(opts.options));
  }
  const withNotes: NormalSummary = { ...normal, notes };
  const cleanup = ledgerNote(normal);
  const report = {
    schema: summarySchema,
    scenario,
    testId: settings.testId,
    target: { kind: targetKind(), host: settings.host, region: settings.region },
    summaryShape: normal.shape,
    /** k6's own verdict over the thresholds: false if any crossed, null if some are unavailable. */
    passed,
    expectedK6ExitCode: passed === true ? 0 : passed === false ? 99 : null,
    durationMs: roundMs(normal.durationMs),
    thresholds: normal.thresholds.map((t) => ({ ...t, ...(t.actual !== undefined && isTime(normal, t.metric) ? { actual: roundMs(t.actual) } : {}), ok: t.status === 'ok' ? true : t.status === 'crossed' ? false : null })),
    checks: normal.checks,
    metrics: reportedMetrics(normal),
    notes,
    ...(capacity === undefined ? {} : { capacityVerdict: capacity }),
    ...(cleanup === undefined ? {} : { cleanup }),
  };
  const name = reportName(scenario, opts.options);
  return {
    stdout: text(scenario, withNotes, passed, capacity, cleanup),
    [`${settings.summaryDir}/${name}-summary.json`]: `${JSON.stringify(report, null, 2)}\n`,
    [`${settings.summaryDir}/${name}-junit.xml`]: junitReport(scenario, normal.thresholds, normal.checks, capacity),
  };
}

/** When even reading failed: complete files that say so, and a failing JUnit case. */
function unreadable(scenario: string, error: unknown, options: unknown): Record<string, string> {
  const reason = `handleSummary could not read the summary data: ${error instanceof Error ? error.message : String(error)}`;
  const report = { schema: summarySchema, scenario, testId: settings.testId, summaryShape: 'unreadable', passed: null, expectedK6ExitCode: null, error: reason };
  let name = scenario;
  try {
    name = reportName(scenario, options);
  } catch {
    // the plain name, then
  }
  return {
    stdout: `k6 ${scenario} (testid ${settings.testId}): ${reason}\n`,
    [`${settings.summaryDir}/${name}-summary.json`]: `${JSON.stringify(report, null, 2)}\n`,
    [`${settings.summaryDir}/${name}-junit.xml`]: junitError(scenario, reason),
  };
}

/**
 * The handleSummary result for either summary shape. `opts.options` is the scenario's exported
 * `options` (its thresholds are re-evaluated where the shape carries no verdict); `opts.capacity`
 * adds the capacity verdict.
 */
export function summaryOutputs(scenario: string, data: unknown, opts: SummaryOptions = {}): Record<string, string> {
  try {
    return outputs(scenario, normaliseSummary(data, declaredThresholds(opts.options)), opts);
  } catch (error) {
    return unreadable(scenario, error, opts.options);
  }
}
