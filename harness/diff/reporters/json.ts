// The machine-readable report: everything the console shows, exchanges redacted, durations in
// milliseconds to 0.1 ms.
import { curlFor, redactJson, redactRequest, redactResponse } from '../../conformance/redact.ts';
import type { SideOutcome } from '../runner.ts';
import { diffExitStatus, type DiffReport, type DisagreementGroup } from '../runner.ts';
import { replayCommand } from './replay-command.ts';
import { roundMs } from '../../conformance/reporters/round.ts';

function sideJson(outcome: SideOutcome) {
  return {
    answer: outcome.answer,
    exchange: {
      operation: outcome.exchange.operation,
      durationMs: roundMs(outcome.exchange.durationMs),
      attempts: outcome.exchange.attempts.map((a) => ({
        request: redactRequest(a.request),
        curl: curlFor(a.request),
        response: a.response && redactResponse(a.response),
        networkError: a.networkError,
      })),
    },
  };
}

function groupJson(group: DisagreementGroup, replayArgs: readonly string[]) {
  const c = group.counterexample;
  return {
    group: group.key,
    condition: group.condition,
    differences: group.differences,
    flaky: group.flaky,
    occurrences: group.occurrences,
    phase: group.phase,
    counterexample: { kind: c.kind, request: redactJson(c.request), ...(c.kind === 'invalid' ? { tag: c.tag } : {}) },
    replay: group.replay,
    replayCommand: replayCommand(group, replayArgs),
    shrinks: group.shrinks,
    note: group.note,
    baseline: sideJson(group.baseline),
    candidate: sideJson(group.candidate),
  };
}

export function jsonReport(report: DiffReport, replayArgs: readonly string[]): string {
  return `${JSON.stringify(
    {
      ...report,
      durationMs: roundMs(report.durationMs),
      summary: {
        cases: report.cases,
        disagreeing: report.disagreeing,
        groups: report.groups.filter((g) => !g.flaky).length + report.moreGroups,
        flaky: report.groups.filter((g) => g.flaky).length,
        exitStatus: diffExitStatus(report),
      },
      conditions: report.conditions.map((c) => ({ ...c, durationMs: roundMs(c.durationMs) })),
      groups: report.groups.map((g) => groupJson(g, replayArgs)),
    },
    null,
    2,
  )}\n`;
}
