// handleSummary for every scenario: a JSON report, a JUnit report and a short text summary on
// stdout (exporting handleSummary replaces k6's own). Everything here comes from aggregates, so no
// id or token can reach a summary. Files go to SUMMARY_DIR as <scenario>-summary.json and
// <scenario>-junit.xml.
import { k6BuiltinMetrics, k6MetricPrefix, k6Metrics } from '../../harness/contract/metric-names.ts';
import { checkNames } from './check-names.ts';
import { settings } from './env.ts';
import { junitReport } from './junit.ts';
import { checkResults, thresholdResults, type SummaryData, type SummaryMetric } from './summary-data.ts';

const REPORTED_BUILTINS: ReadonlySet<string> = new Set([...Object.values(k6BuiltinMetrics), 'http_reqs', 'http_req_failed']);

function targetKind(): 'aws' | 'local' | 'endpoint' {
  if (settings.realAws) return 'aws';
  return /^(127\.|localhost(:|$)|\[::1\])/.test(settings.host) ? 'local' : 'endpoint';
}

function reportedMetrics(data: SummaryData): Record<string, SummaryMetric['values']> {
  const out: Record<string, SummaryMetric['values']> = {};
  for (const [name, metric] of Object.entries(data.metrics)) {
    const base = name.split('{')[0]!;
    if (base.startsWith(k6MetricPrefix) || REPORTED_BUILTINS.has(base)) out[name] = metric.values;
  }
  return out;
}

function ledgerNote(data: SummaryData): Record<string, unknown> | undefined {
  if (!settings.contactLedger && !settings.stopContacts) return undefined;
  const started = data.metrics[k6Metrics.contactsStarted]?.values.count ?? 0;
  const stopCheck = checkResults(data).find((c) => c.name === checkNames.contactStopped);
  return {
    contactsStarted: started,
    stoppedWithinIterations: settings.stopContacts ? { stopped: stopCheck?.passes ?? 0, failed: stopCheck?.fails ?? 0 } : 'not asked',
    ledger: settings.contactLedger
      ? 'each started ContactId is sample metadata "contact_id" of webrtc_contacts_started in k6 --out json=FILE; stop leftovers with: npx connect-harness stop-contacts --file FILE'
      : 'not kept (CONTACT_LEDGER=1 keeps one)',
  };
}

function text(scenario: string, passed: boolean, data: SummaryData, extra: Record<string, unknown>): string {
  const lines = [`k6 ${scenario} (testid ${settings.testId}, ${targetKind()} target): ${passed ? 'all thresholds hold' : 'THRESHOLDS CROSSED'}`];
  for (const t of thresholdResults(data)) lines.push(`  ${t.ok ? 'ok  ' : 'FAIL'} ${t.metric} ${t.expression}`);
  for (const c of checkResults(data)) lines.push(`  ${c.fails === 0 ? 'ok  ' : 'FAIL'} check "${c.name}": ${c.passes} passed, ${c.fails} failed`);
  for (const [key, value] of Object.entries(extra)) lines.push(`  ${key}: ${JSON.stringify(value)}`);
  return `${lines.join('\n')}\n`;
}

/** The handleSummary result: `extra` (e.g. the capacity verdict) goes into the JSON and the text. */
export function summaryOutputs(scenario: string, data: SummaryData, extra: Record<string, unknown> = {}): Record<string, string> {
  const thresholds = thresholdResults(data);
  const checks = checkResults(data);
  const passed = thresholds.every((t) => t.ok);
  const cleanup = ledgerNote(data);
  const all = { ...extra, ...(cleanup ? { cleanup } : {}) };
  const report = {
    scenario,
    testId: settings.testId,
    target: { kind: targetKind(), host: settings.host, region: settings.region },
    passed,
    durationMs: data.state?.testRunDurationMs,
    thresholds,
    checks,
    metrics: reportedMetrics(data),
    ...all,
  };
  return {
    stdout: text(scenario, passed, data, all),
    [`${settings.summaryDir}/${scenario}-summary.json`]: `${JSON.stringify(report, null, 2)}\n`,
    [`${settings.summaryDir}/${scenario}-junit.xml`]: junitReport(scenario, thresholds, checks),
  };
}
