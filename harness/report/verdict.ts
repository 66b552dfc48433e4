// The verdict at the top of a report, per input and over all of them, with the counts a person
// checks first. The same words as the console reports and exit statuses: a conformance run's
// findings fail it, divergences and flaky failures are listed; a capacity run that found its knee
// passes (k6 exits 99 for it, docs/k6-reports.md); a k6 run whose verdicts are partly unavailable is
// inconclusive, not a pass.
import type { ConformanceJson, DiffJson, K6SummaryJson, ReportInput } from './inputs.ts';

export type VerdictStatus = 'pass' | 'fail' | 'inconclusive' | 'error';

export interface Count {
  readonly label: string;
  readonly value: number | string;
  /** Shown as a problem when it is not zero. */
  readonly bad?: boolean;
}

export interface Verdict {
  readonly status: VerdictStatus;
  /** One line: what happened. */
  readonly headline: string;
  readonly counts: readonly Count[];
}

export const statusWords: Readonly<Record<VerdictStatus, string>> = { pass: 'PASS', fail: 'FAIL', inconclusive: 'INCONCLUSIVE', error: 'HARNESS ERROR' };
const severity: Readonly<Record<VerdictStatus, number>> = { pass: 0, inconclusive: 1, fail: 2, error: 3 };

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

function conformanceVerdict(data: ConformanceJson, probesFailed: number): Verdict {
  const errors = data.results.filter((r) => r.status === 'error').length;
  const cases = data.results.reduce((n, r) => n + r.cases, 0);
  const exit = Math.max(data.summary.exitStatus, probesFailed > 0 ? 1 : 0);
  const status: VerdictStatus = exit === 2 ? 'error' : exit === 1 ? 'fail' : 'pass';
  const parts = [plural(data.summary.findings, 'finding'), plural(data.summary.divergences, 'divergence from assumptions', 'divergences from assumptions')];
  if (data.summary.flaky) parts.push(`${data.summary.flaky} flaky`);
  if (errors) parts.push(plural(errors, 'harness error'));
  if (probesFailed) parts.push(plural(probesFailed, 'failed probe'));
  if (data.interrupted !== undefined) parts.push(`interrupted: ${data.interrupted}`);
  return {
    status,
    headline: `conformance: ${parts.join(', ')}`,
    counts: [
      { label: 'findings', value: data.summary.findings, bad: true },
      { label: 'divergences', value: data.summary.divergences, bad: data.strict },
      { label: 'flaky', value: data.summary.flaky },
      { label: 'harness errors', value: errors, bad: true },
      { label: 'checks', value: data.results.length },
      { label: 'cases', value: cases },
    ],
  };
}

function diffVerdict(data: DiffJson): Verdict {
  const status: VerdictStatus = data.summary.exitStatus === 2 ? 'error' : data.summary.exitStatus === 1 ? 'fail' : 'pass';
  const headline =
    data.error !== undefined
      ? `diff: harness error: ${data.error}`
      : `diff: ${plural(data.summary.disagreeing, 'case')} of ${data.summary.cases} answered differently, in ${plural(data.summary.groups, 'group')}${data.summary.flaky ? `, ${data.summary.flaky} flaky` : ''}`;
  return {
    status,
    headline,
    counts: [
      { label: 'disagreeing cases', value: data.summary.disagreeing, bad: true },
      { label: 'groups', value: data.summary.groups, bad: true },
      { label: 'flaky', value: data.summary.flaky },
      { label: 'harness errors', value: data.error === undefined ? 0 : 1, bad: true },
      { label: 'cases', value: data.summary.cases },
    ],
  };
}

function k6Verdict(data: K6SummaryJson): Verdict {
  const crossed = data.thresholds.filter((t) => t.status === 'crossed').length;
  const unavailable = data.thresholds.filter((t) => t.status === 'unavailable').length;
  const failedChecks = data.checks.filter((c) => c.fails > 0).length;
  const counts: Count[] = [
    { label: 'thresholds crossed', value: crossed, bad: data.capacityVerdict === undefined },
    { label: 'verdicts unavailable', value: unavailable },
    { label: 'checks failing', value: failedChecks, bad: true },
    { label: 'thresholds', value: data.thresholds.length },
  ];
  const name = `k6 ${data.scenario}`;
  if (data.error !== undefined || data.summaryShape === 'unreadable') {
    return { status: 'error', headline: `${name}: ${data.error ?? 'handleSummary could not read the summary data'}`, counts };
  }
  const capacity = data.capacityVerdict;
  if (capacity !== undefined) {
    const status: VerdictStatus = capacity.exitAdvice.code === 0 ? 'pass' : capacity.verdict === 'no-evidence' ? 'inconclusive' : 'fail';
    return {
      status,
      headline: `${name}: ${capacity.headline}`,
      counts: [
        { label: 'highest held rate /s', value: capacity.highestHeldRate ?? '-' },
        { label: 'knee at /s', value: capacity.firstFailedRate ?? '-' },
        { label: 'steps held', value: capacity.steps.filter((s) => s.held).length },
        { label: 'dropped iterations', value: capacity.droppedIterations, bad: true },
        ...counts.slice(2),
      ],
    };
  }
  const status: VerdictStatus = data.passed === true ? 'pass' : data.passed === false ? 'fail' : 'inconclusive';
  const headline = data.passed === true ? 'every threshold holds' : data.passed === false ? plural(crossed, 'threshold crossed', 'thresholds crossed') : `no threshold crossed, but ${plural(unavailable, 'verdict is', 'verdicts are')} unavailable`;
  return { status, headline: `${name}: ${headline}`, counts };
}

export function verdictOf(input: ReportInput): Verdict {
  switch (input.kind) {
    case 'conformance':
      return conformanceVerdict(input.data, (input.probes ?? []).filter((p) => !p.ok).length);
    case 'diff':
      return diffVerdict(input.data);
    case 'k6':
      return k6Verdict(input.data);
  }
}

/** The worst status among the inputs: a harness error, then a failure, then an inconclusive run. */
export function overallStatus(verdicts: readonly Verdict[]): VerdictStatus {
  return verdicts.reduce<VerdictStatus>((worst, v) => (severity[v.status] > severity[worst] ? v.status : worst), 'pass');
}
