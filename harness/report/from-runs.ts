// The HTML report of a run that just finished (conformance --html, diff --html, npm start): the run
// goes through its own JSON reporter first, so the page shows exactly what --json would have
// written, redacted the same way, and the report command reads nothing else.
import { writeFile } from 'node:fs/promises';
import { jsonReport as conformanceJson } from '../conformance/reporters/json.ts';
import type { ProbeResult } from '../conformance/probes/probe.ts';
import type { RunReport } from '../conformance/runner.ts';
import { jsonReport as diffJson } from '../diff/reporters/json.ts';
import type { DiffReport } from '../diff/runner.ts';
import { buildReport } from './build-report.ts';
import { reportInputsFrom, type ReportInput } from './inputs.ts';
import { sanitiseForReport } from './sanitise.ts';
import type { VerdictStatus } from './verdict.ts';

export function conformanceInput(report: RunReport, replayArgs: readonly string[], source: string, probes?: readonly ProbeResult[]): ReportInput {
  const [input] = reportInputsFrom(source, JSON.parse(conformanceJson(report, replayArgs)));
  return probes === undefined || input!.kind !== 'conformance' ? input! : { ...input!, probes: sanitiseForReport(probes) as ProbeResult[] };
}

export function diffInput(report: DiffReport, replayArgs: readonly string[], source: string): ReportInput {
  return reportInputsFrom(source, JSON.parse(diffJson(report, replayArgs)))[0]!;
}

/** Writes the page; resolves to the overall verdict. */
export async function writeHtmlReport(file: string, inputs: readonly ReportInput[], options: { command?: string } = {}): Promise<VerdictStatus> {
  const built = await buildReport({ inputs, ...options });
  await writeFile(file, built.html);
  return built.status;
}
