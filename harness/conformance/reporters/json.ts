// The machine-readable report: everything the console shows, with exchanges redacted.
import type { Finding } from '../check.ts';
import { curlFor, redactJson, redactRequest, redactResponse } from '../redact.ts';
import type { RunReport } from '../runner.ts';
import { replayCommand } from './replay-command.ts';

function findingJson(finding: Finding, targetArgs: readonly string[]) {
  return {
    check: finding.check,
    reason: finding.reason,
    tag: finding.tag,
    counterexample: redactJson(finding.counterexample),
    replay: finding.replay,
    replayCommand: replayCommand(finding, targetArgs),
    shrinks: finding.shrinks,
    exchange: finding.exchange && {
      operation: finding.exchange.operation,
      durationMs: finding.exchange.durationMs,
      attempts: finding.exchange.attempts.map((a) => ({
        request: redactRequest(a.request),
        curl: curlFor(a.request),
        response: a.response && redactResponse(a.response),
        networkError: a.networkError,
      })),
    },
  };
}

export function jsonReport(report: RunReport, targetArgs: readonly string[]): string {
  return `${JSON.stringify(
    { ...report, results: report.results.map((r) => ({ ...r, findings: r.findings.map((f) => findingJson(f, targetArgs)) })) },
    null,
    2,
  )}\n`;
}
