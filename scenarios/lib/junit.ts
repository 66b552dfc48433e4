// A JUnit XML report of one k6 run, written by our own code (no remote jslib import): one test case
// per threshold, per check and, for the capacity scenario, per step plus the verdict. A JUnit
// failure is what should fail CI: for a capacity run whose verdict advises exit 0 (a knee found,
// or every step held), the thresholds and checks that crossed at and past the knee are reported as
// skipped with the reason, not as failures (docs/k6-reports.md).
import type { CapacityVerdict } from './capacity-steps.ts';
import type { SummaryCheck } from './summary-data.ts';
import type { ThresholdResult } from './summary-normal.ts';

export interface JunitCase {
  readonly name: string;
  readonly failure?: string;
  readonly skipped?: string;
  readonly systemOut?: string;
}

/** XML 1.0 text: the five entities escaped, control characters XML cannot carry dropped (no `u` regex: k6's engine). */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function testcase(suite: string, c: JunitCase): string {
  const open = `    <testcase classname="${xml(suite)}" name="${xml(c.name)}"`;
  const inner = [
    c.failure === undefined ? undefined : `      <failure message="${xml(c.failure)}"/>`,
    c.skipped === undefined ? undefined : `      <skipped message="${xml(c.skipped)}"/>`,
    c.systemOut === undefined ? undefined : `      <system-out>${xml(c.systemOut)}</system-out>`,
  ].filter((l) => l !== undefined);
  return inner.length === 0 ? `${open}/>` : `${open}>\n${inner.join('\n')}\n    </testcase>`;
}

function suite(name: string, cases: readonly JunitCase[]): string {
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const skipped = cases.filter((c) => c.failure === undefined && c.skipped !== undefined).length;
  const body = cases.map((c) => testcase(name, c)).join('\n');
  return `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${body}${body ? '\n' : ''}  </testsuite>`;
}

export function junitDocument(scenario: string, suites: readonly { name: string; cases: readonly JunitCase[] }[]): string {
  const all = suites.flatMap((s) => s.cases);
  const failures = all.filter((c) => c.failure !== undefined).length;
  const skipped = all.filter((c) => c.failure === undefined && c.skipped !== undefined).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="k6 ${xml(scenario)}" tests="${all.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...suites.map((s) => suite(s.name, s.cases)),
    '</testsuites>',
    '',
  ].join('\n');
}

function stepOut(s: CapacityVerdict['steps'][number]): string {
  const share = (v: number | undefined) => (v === undefined ? '-' : `${(v * 100).toFixed(1)}%`);
  const lat = (v: number | undefined) => (v === undefined ? '-' : `${Math.round(v)} ms`);
  return `target ${s.rate}/s; starts ${s.starts} (accepted ${share(s.acceptedShare)}, throttled ${share(s.throttledRate)}, failed ${share(s.failedRate)}); accepted p50 ${lat(s.latencyMs.p50)}, p95 ${lat(s.latencyMs.p95)}, p99 ${lat(s.latencyMs.p99)}${[...s.reasons, ...s.warnings].map((r) => `; ${r}`).join('')}`;
}

export function junitReport(scenario: string, thresholds: readonly ThresholdResult[], checks: readonly SummaryCheck[], capacity?: CapacityVerdict): string {
  // A capacity run that found its knee is a success: what crossed there is information, not failure.
  const expected = capacity !== undefined && capacity.exitAdvice.code === 0 ? `expected in a capacity run (${capacity.verdict}: ${capacity.headline})` : undefined;
  const thresholdCases = thresholds.map((t): JunitCase => {
    const name = `${t.metric}: ${t.expression}`;
    const detail = `${t.actual === undefined ? '' : ` (value ${Number(t.actual.toPrecision(4))})`}${t.note === undefined ? '' : `: ${t.note}`}`;
    if (t.status === 'ok') return { name, ...(t.note === undefined ? {} : { systemOut: t.note }) };
    if (t.status === 'unavailable') return { name, skipped: `no verdict${detail}` };
    return expected === undefined ? { name, failure: `threshold crossed${detail}` } : { name, skipped: `crossed${detail}; ${expected}` };
  });
  const checkCases = checks.map((c): JunitCase => {
    if (c.fails === 0) return { name: c.name };
    const what = `${c.fails} of ${c.passes + c.fails} failed`;
    return expected === undefined ? { name: c.name, failure: what } : { name: c.name, skipped: `${what}; ${expected}` };
  });
  const suites = [
    { name: `k6.${scenario}.thresholds`, cases: thresholdCases },
    { name: `k6.${scenario}.checks`, cases: checkCases },
  ];
  if (capacity !== undefined) {
    const verdictCase: JunitCase =
      capacity.exitAdvice.code === 0 ? { name: `capacity verdict: ${capacity.verdict}`, systemOut: `${capacity.headline}. ${capacity.exitAdvice.reason}` } : { name: `capacity verdict: ${capacity.verdict}`, failure: capacity.headline };
    const stepCases = capacity.steps.map((s): JunitCase => {
      const name = `step ${s.step} at ${s.rate}/s holds the SLO`;
      if (s.status === 'held') return { name, systemOut: stepOut(s) };
      if (s.status === 'not-reached') return { name, skipped: s.reasons.join('; ') || 'not reached' };
      const why = `${s.status === 'failed' ? 'did not hold' : 'no verdict'}: ${s.reasons.join('; ')}`;
      return capacity.exitAdvice.code === 0 ? { name, skipped: `${why} (${s.step === capacity.firstFailedStep ? 'the knee' : 'past the knee'})`, systemOut: stepOut(s) } : { name, failure: why, systemOut: stepOut(s) };
    });
    suites.push({ name: `k6.${scenario}.capacity`, cases: [verdictCase, ...stepCases] });
  }
  return junitDocument(scenario, suites);
}

/** The report when the summary could not be read at all: complete, and failing. */
export function junitError(scenario: string, reason: string): string {
  return junitDocument(scenario, [{ name: `k6.${scenario}.summary`, cases: [{ name: 'handleSummary read the summary data', failure: reason }] }]);
}
