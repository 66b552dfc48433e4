// The machine-readable report: everything the console shows, exchanges redacted, durations in
// milliseconds to 0.1 ms.
import { redactJson } from '../../conformance/redact.ts';
import { exchangeJson, type JsonExchange } from '../../conformance/reporters/exchange-json.ts';
import type { Answer } from '../answer.ts';
import type { SideOutcome } from '../runner.ts';
import { diffExitStatus, type DiffReport, type DisagreementGroup } from '../runner.ts';
import { replayCommand } from './replay-command.ts';
import { roundMs } from '../../conformance/reporters/round.ts';

// What the report writes, as `connect-harness report` reads it back (harness/report/inputs.ts):
// the parts a report shows, typed; the writer below is checked against it.
export interface DiffSide {
  /** Fields may be absent when read back (an undefined error is not written). */
  readonly answer: Partial<Answer>;
  readonly exchange?: JsonExchange;
}

export interface DiffGroup {
  readonly group: string;
  readonly condition: string;
  readonly differences: readonly unknown[];
  readonly flaky: boolean;
  readonly occurrences: number;
  readonly phase: string;
  readonly counterexample: { readonly kind: string; readonly request: unknown; readonly tag?: unknown };
  readonly replayCommand?: string;
  readonly shrinks?: number;
  readonly note?: string;
  readonly baseline: DiffSide;
  readonly candidate: DiffSide;
}

export interface DiffTargetInfo {
  readonly kind: string;
  readonly description: string;
  readonly endpoint: string;
  readonly region: string;
}

export interface DiffJson {
  readonly baseline: DiffTargetInfo;
  readonly candidate: DiffTargetInfo;
  readonly seed: number;
  readonly runs: number;
  readonly phases: readonly string[];
  readonly messages: boolean;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly summary: { readonly cases: number; readonly disagreeing: number; readonly groups: number; readonly flaky: number; readonly exitStatus: number };
  readonly conditions: readonly { readonly condition: string; readonly cases: number; readonly disagreeing: number; readonly failing: boolean }[];
  readonly groups: readonly DiffGroup[];
  readonly error?: string;
  readonly interrupted?: string;
}

function sideJson(outcome: SideOutcome) {
  return {
    answer: outcome.answer,
    exchange: exchangeJson(outcome.exchange),
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
  const json = {
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
  } satisfies DiffJson;
  return `${JSON.stringify(json, null, 2)}\n`;
}
