// The machine-readable report: everything the console shows, with exchanges redacted, durations in
// milliseconds to 0.1 ms (round.ts), and the probes the run included.
import type { CheckResult, Finding } from '../check.ts';
import { redactJson } from '../redact.ts';
import { exitStatus, gradeCounts, type RunReport } from '../runner.ts';
import { exchangeJson, type JsonExchange } from './exchange-json.ts';
import { replayCommand } from './replay-command.ts';
import { roundFigures, roundMs } from './round.ts';

// What the report writes, as `connect-harness report` reads it back (harness/report/inputs.ts):
// the parts a report shows, typed; the writer below is checked against it.
// Derived from the run's own types, so the reader follows the run: only what the JSON writes
// differently (the exchange redacted, the replay command, the summary) is stated here. Fields may be
// absent when read back from an older file, so the reader treats the optional ones as optional.
export type ConformanceFinding = Pick<Finding, 'check' | 'grade' | 'reason' | 'group' | 'occurrences' | 'counterexample' | 'shrinkNote'> & {
  readonly replayCommand?: string;
  readonly shrinks?: number;
  readonly exchange?: JsonExchange;
};

export type ConformanceResult = Omit<CheckResult, 'findings' | 'phaseCases'> & {
  readonly findings: readonly ConformanceFinding[];
  readonly phaseCases?: Readonly<Record<string, number>>;
};

export type ConformanceJson = Pick<RunReport, 'target' | 'profile' | 'seed' | 'runs' | 'strict' | 'interrupted' | 'startedAt' | 'durationMs'> & {
  readonly phases: readonly string[];
  readonly summary: { readonly findings: number; readonly divergences: number; readonly flaky: number; readonly exitStatus: number };
  readonly results: readonly ConformanceResult[];
};

function findingJson(finding: Finding, replayArgs: readonly string[]) {
  return {
    check: finding.check,
    grade: finding.grade,
    reason: finding.reason,
    group: finding.group,
    occurrences: finding.occurrences,
    tag: finding.tag,
    counterexample: redactJson(finding.counterexample),
    replay: finding.replay,
    replayCommand: replayCommand(finding, replayArgs),
    shrinks: finding.shrinks,
    shrinkNote: finding.shrinkNote,
    exchange: finding.exchange && exchangeJson(finding.exchange),
  };
}

export function jsonReport(report: RunReport, replayArgs: readonly string[]): string {
  const json = {
      ...report,
      durationMs: roundMs(report.durationMs),
      summary: { ...gradeCounts(report), exitStatus: exitStatus(report), ...(report.probes ? { probesFailed: report.probes.filter((p) => !p.ok).length } : {}) },
      results: report.results.map((r) => ({ ...r, durationMs: roundMs(r.durationMs), findings: r.findings.map((f) => findingJson(f, replayArgs)) })),
    ...(report.probes ? { probes: report.probes.map((p) => ({ ...p, metrics: roundFigures(p.metrics), durationMs: roundMs(p.durationMs) })) } : {}),
  } satisfies ConformanceJson;
  return `${JSON.stringify(json, null, 2)}\n`;
}
