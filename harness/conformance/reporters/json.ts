// The machine-readable report: everything the console shows, with exchanges redacted, durations in
// milliseconds to 0.1 ms (round.ts), and the probes the run included.
import type { Finding } from '../check.ts';
import { curlFor, redactJson, redactRequest, redactResponse } from '../redact.ts';
import { exitStatus, gradeCounts, type RunReport } from '../runner.ts';
import { replayCommand } from './replay-command.ts';
import { roundFigures, roundMs } from './round.ts';

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
    exchange: finding.exchange && {
      operation: finding.exchange.operation,
      durationMs: roundMs(finding.exchange.durationMs),
      attempts: finding.exchange.attempts.map((a) => ({
        request: redactRequest(a.request),
        curl: curlFor(a.request),
        response: a.response && redactResponse(a.response),
        networkError: a.networkError,
      })),
    },
  };
}

export function jsonReport(report: RunReport, replayArgs: readonly string[]): string {
  return `${JSON.stringify(
    {
      ...report,
      durationMs: roundMs(report.durationMs),
      summary: { ...gradeCounts(report), exitStatus: exitStatus(report), ...(report.probes ? { probesFailed: report.probes.filter((p) => !p.ok).length } : {}) },
      results: report.results.map((r) => ({ ...r, durationMs: roundMs(r.durationMs), findings: r.findings.map((f) => findingJson(f, replayArgs)) })),
      ...(report.probes ? { probes: report.probes.map((p) => ({ ...p, metrics: roundFigures(p.metrics), durationMs: roundMs(p.durationMs) })) } : {}),
    },
    null,
    2,
  )}\n`;
}
