// The machine-readable report: everything the console shows, with exchanges redacted, durations in
// milliseconds to 0.1 ms (round.ts), and the probes the run included.
import type { Finding } from '../check.ts';
import { redactJson } from '../redact.ts';
import { exitStatus, gradeCounts, type RunReport } from '../runner.ts';
import { exchangeJson, type JsonExchange } from './exchange-json.ts';
import { replayCommand } from './replay-command.ts';
import { roundFigures, roundMs } from './round.ts';

// What the report writes, as `connect-harness report` reads it back (harness/report/inputs.ts):
// the parts a report shows, typed; the writer below is checked against it.
export interface ConformanceFinding {
  readonly check: string;
  readonly grade: 'finding' | 'divergence' | 'flaky';
  readonly reason: string;
  readonly group: string;
  readonly occurrences: number;
  readonly counterexample: unknown;
  readonly replayCommand?: string;
  readonly shrinks?: number;
  readonly shrinkNote?: string;
  readonly exchange?: JsonExchange;
}

export interface ConformanceResult {
  readonly check: string;
  readonly status: 'passed' | 'failed' | 'diverged' | 'skipped' | 'error';
  readonly cases: number;
  readonly findings: readonly ConformanceFinding[];
  readonly moreGroups?: number;
  readonly phaseCases?: Readonly<Record<string, number>>;
  readonly note?: string;
  readonly durationMs: number;
}

export interface ConformanceJson {
  readonly target: { readonly kind: string; readonly description: string; readonly region: string };
  readonly profile: string;
  readonly seed: number;
  readonly runs: number;
  readonly phases: readonly string[];
  readonly strict: boolean;
  readonly interrupted?: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly summary: { readonly findings: number; readonly divergences: number; readonly flaky: number; readonly exitStatus: number };
  readonly results: readonly ConformanceResult[];
}

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
