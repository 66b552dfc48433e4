// The summary a person reads at a glance: one line per check, then each finding with its minimal
// counterexample, how to replay it, and the (redacted) request as curl.
import type { CheckResult, Finding } from '../check.ts';
import { curlFor, redactJson, redactResponse } from '../redact.ts';
import type { RunReport } from '../runner.ts';
import { abbreviateJson } from './abbreviate-json.ts';
import { replayCommand } from './replay-command.ts';

const symbols: Record<CheckResult['status'], string> = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip', error: 'ERR ' };

export function summaryTable(results: readonly CheckResult[]): string {
  const width = Math.max(5, ...results.map((r) => r.check.length));
  const header = `  ${'check'.padEnd(width)}  result  ${'cases'.padStart(6)}  ${'time'.padStart(7)}  note`;
  const rows = results.map((r) => {
    const note = r.status === 'failed' ? `${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}` : (r.note ?? '');
    return `  ${r.check.padEnd(width)}  ${symbols[r.status]}    ${String(r.cases).padStart(6)}  ${`${(r.durationMs / 1000).toFixed(1)}s`.padStart(7)}  ${note}`;
  });
  return [header, ...rows].join('\n');
}

export function describeFinding(finding: Finding, targetArgs: readonly string[]): string {
  const lines = [`FAIL ${finding.check}: ${finding.reason}`];
  if (finding.tag) lines.push(`  tagged: breaks ${finding.tag.rule} at ${finding.tag.path || '(request)'} [${finding.tag.class}]`);
  lines.push(`  counterexample${finding.replay ? ` (after ${finding.shrinks} shrink steps)` : ''}: ${abbreviateJson(redactJson(finding.counterexample))}`);
  if (finding.replay) lines.push(`  seed ${finding.replay.seed}, path ${finding.replay.path}`);
  lines.push(`  replay: ${replayCommand(finding, targetArgs)}`);
  const attempt = finding.exchange?.attempts.at(-1);
  if (attempt) {
    lines.push(`  request: ${curlFor(attempt.request).slice(0, 2000)}`);
    if (attempt.response) {
      const r = redactResponse(attempt.response);
      lines.push(`  response: ${r.status} x-amzn-ErrorType=${r.headers['x-amzn-errortype'] ?? '-'} ${r.body.slice(0, 500)}`);
    } else lines.push(`  response: none (${attempt.networkError ?? 'unknown'})`);
  }
  return lines.join('\n');
}

export function consoleReport(report: RunReport, targetArgs: readonly string[]): string {
  const counts = (s: CheckResult['status']) => report.results.filter((r) => r.status === s).length;
  const cases = report.results.reduce((n, r) => n + r.cases, 0);
  const findings = report.results.flatMap((r) => r.findings);
  const notes = report.results.filter((r) => r.status === 'error').map((r) => `ERR ${r.check}: ${r.note ?? ''}`);
  return [
    `Conformance of ${report.target.description} (profile: ${report.profile}; seed ${report.seed}; ${report.runs} runs)`,
    summaryTable(report.results),
    '',
    `${counts('passed')} passed, ${counts('failed')} failed, ${counts('skipped')} skipped, ${counts('error')} errors; ${cases} cases in ${(report.durationMs / 1000).toFixed(1)} s`,
    ...notes,
    ...findings.map((f) => `\n${describeFinding(f, targetArgs)}`),
    '',
  ].join('\n');
}
