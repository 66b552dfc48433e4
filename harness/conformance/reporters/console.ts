// The summary a person reads at a glance: one line per check, a closing count of findings and
// divergences, then each distinct finding with its minimal counterexample, how to replay it, and
// the (redacted) request as curl.
import type { CheckResult, Finding } from '../check.ts';
import { curlFor, redactJson, redactResponse } from '../redact.ts';
import { gradeCounts, type RunReport } from '../runner.ts';
import { abbreviate } from '../../contract/index.ts';
import { replayCommand } from './replay-command.ts';

const symbols: Record<CheckResult['status'], string> = { passed: 'ok  ', failed: 'FAIL', diverged: 'div ', skipped: 'skip', error: 'ERR ' };
const labels: Record<Finding['grade'], string> = { finding: 'FAIL', divergence: 'DIVERGES', flaky: 'FLAKY' };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function noteOf(r: CheckResult): string {
  const count = (grade: Finding['grade']) => r.findings.filter((f) => f.grade === grade).length;
  const parts = [
    count('finding') ? plural(count('finding'), 'finding') : '',
    count('divergence') ? plural(count('divergence'), 'divergence') : '',
    count('flaky') ? `${count('flaky')} flaky` : '',
    r.moreGroups ? `${r.moreGroups} more not shown (--max-findings)` : '',
    r.note ?? '',
  ].filter(Boolean);
  return parts.join(', ');
}

export function summaryTable(results: readonly CheckResult[]): string {
  const width = Math.max(5, ...results.map((r) => r.check.length));
  const header = `  ${'check'.padEnd(width)}  result  ${'cases'.padStart(6)}  ${'time'.padStart(7)}  note`;
  const rows = results.map((r) => `  ${r.check.padEnd(width)}  ${symbols[r.status]}    ${String(r.cases).padStart(6)}  ${`${(r.durationMs / 1000).toFixed(1)}s`.padStart(7)}  ${noteOf(r)}`);
  return [header, ...rows].join('\n');
}

export function describeFinding(finding: Finding, replayArgs: readonly string[]): string {
  const lines = [`${labels[finding.grade]} ${finding.check}: ${finding.reason}`];
  lines.push(`  group: ${finding.group} (${plural(finding.occurrences, 'case')})`);
  if (finding.tag) lines.push(`  tagged: breaks ${finding.tag.rule} at ${finding.tag.path || '(request)'} [${finding.tag.class}]`);
  const what = finding.grade === 'flaky' ? 'original case' : `counterexample${finding.replay ? ` (after ${finding.shrinks} shrink steps)` : ''}`;
  lines.push(`  ${what}: ${abbreviate(redactJson(finding.counterexample))}`);
  if (finding.shrinkNote) lines.push(`  note: ${finding.shrinkNote}`);
  if (finding.replay) lines.push(`  seed ${finding.replay.seed}, path ${finding.replay.path}`);
  lines.push(`  replay: ${replayCommand(finding, replayArgs)}`);
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

/** Checks by status, and the cases sent. */
export function checkCounts(report: RunReport): string {
  const count = (s: CheckResult['status']) => report.results.filter((r) => r.status === s).length;
  const cases = report.results.reduce((n, r) => n + r.cases, 0);
  return `${count('passed')} passed, ${count('failed')} failed, ${count('diverged')} diverged, ${count('skipped')} skipped, ${count('error')} errors; ${cases} cases in ${(report.durationMs / 1000).toFixed(1)} s`;
}

/** The closing line: what turns a run red is counted apart from what is only reported. */
export function closingLine(report: RunReport): string {
  const { findings, divergences, flaky } = gradeCounts(report);
  return [
    `${plural(findings, 'finding')}, ${divergences} divergence${divergences === 1 ? '' : 's'} from assumptions${report.strict && divergences ? ' (failing: --strict)' : ''}`,
    flaky ? `, ${flaky} flaky (not failing: did not happen again)` : '',
    report.interrupted ? ` (interrupted: ${report.interrupted})` : '',
  ].join('');
}

export function consoleReport(report: RunReport, replayArgs: readonly string[]): string {
  const notes = report.results.filter((r) => r.status === 'error').map((r) => `ERR ${r.check}: ${r.note ?? ''}`);
  // Findings first: they are what turned the run red.
  const order: Record<Finding['grade'], number> = { finding: 0, divergence: 1, flaky: 2 };
  const listed = report.results.flatMap((r) => r.findings).sort((a, b) => order[a.grade] - order[b.grade]);
  return [
    `Conformance of ${report.target.description} (profile: ${report.profile}; seed ${report.seed}; ${report.runs} runs; phases ${report.phases.join(', ')})`,
    summaryTable(report.results),
    '',
    checkCounts(report),
    ...notes,
    ...listed.map((f) => `\n${describeFinding(f, replayArgs)}`),
    '',
    closingLine(report),
    '',
  ].join('\n');
}
