// The summary a person reads: what was sent, then one block per disagreement group with its minimal
// case, the command that replays it, and each side's request (as curl that signs itself) and answer.
import { curlFor, redactJson, redactResponse } from '../../conformance/redact.ts';
import { abbreviate } from '../../contract/index.ts';
import { sides, type SideName } from '../cases.ts';
import { diffExitStatus, type DiffReport, type DisagreementGroup, type SideOutcome } from '../runner.ts';
import { replayCommand } from './replay-command.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function sideLines(side: SideName, outcome: SideOutcome, messages: boolean): string[] {
  const attempt = outcome.exchange.attempts.at(-1);
  if (!attempt) return [`  ${side}: nothing sent`];
  const lines = [`  ${side} request: ${curlFor(attempt.request).slice(0, 2000)}`];
  if (attempt.response) {
    const r = redactResponse(attempt.response);
    lines.push(`  ${side} response: ${r.status} x-amzn-ErrorType=${r.headers['x-amzn-errortype'] ?? '-'} ${r.body.slice(0, 500)}`);
  } else lines.push(`  ${side} response: none (${attempt.networkError ?? 'unknown'})`);
  if (messages && outcome.answer.message !== undefined) lines.push(`  ${side} message (templated): ${outcome.answer.message.slice(0, 500)}`);
  return lines;
}

export function describeGroup(group: DisagreementGroup, replayArgs: readonly string[], messages = false): string {
  const c = group.counterexample;
  const lines = [`${group.flaky ? 'FLAKY' : 'DIFFERS'} ${group.key}`];
  lines.push(`  differences: ${group.differences.join('; ')}`);
  lines.push(`  cases: ${group.occurrences} (first in the ${group.phase} phase)`);
  if (c.kind === 'invalid') lines.push(`  tagged: breaks ${c.tag.rule} at ${c.tag.path || '(request)'} [${c.tag.class}]`);
  const what = group.flaky ? 'original case' : group.shrinks > 0 ? `counterexample (after ${group.shrinks} shrink steps)` : 'counterexample';
  lines.push(`  ${what}: ${abbreviate(redactJson(c.request))}`);
  if (group.note) lines.push(`  note: ${group.note}`);
  lines.push(`  replay: ${replayCommand(group, replayArgs)}`);
  for (const side of sides) lines.push(...sideLines(side, group[side], messages));
  return lines.join('\n');
}

function phaseCounts(report: DiffReport): string {
  const parts = (['coverage', 'random'] as const).filter((p) => report.phaseCases[p] !== undefined).map((p) => `${report.phaseCases[p]} ${p}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** The closing line: what decided the exit status. */
export function closingLine(report: DiffReport): string {
  const failing = report.groups.filter((g) => !g.flaky).length + report.moreGroups;
  const flaky = report.groups.filter((g) => g.flaky).length;
  const parts = [
    failing ? plural(failing, 'disagreement group') : report.error !== undefined || report.interrupted !== undefined ? `no disagreement in the ${plural(report.cases, 'case')} sent` : 'the sides agree',
    report.moreGroups ? `${report.moreGroups} not shown (--max-findings)` : '',
    flaky ? `${flaky} flaky (not failing: did not happen again)` : '',
    report.interrupted ? `interrupted: ${report.interrupted}` : '',
    report.error ? `stopped: ${report.error}` : '',
  ].filter(Boolean);
  return `${parts.join(', ')} (exit ${diffExitStatus(report)})`;
}

export function consoleReport(report: DiffReport, replayArgs: readonly string[]): string {
  const header = [
    `Diff of baseline ${report.baseline.description} and candidate ${report.candidate.description}`,
    `  seed ${report.seed}; ${report.path === undefined ? `phases ${report.phases.join(', ')}; ${report.runs} random cases` : `one case (--path ${report.path})`}; messages ${report.messages ? 'compared (templated)' : 'not compared'}`,
    `  ${plural(report.cases, 'case')} sent to both${phaseCounts(report)} in ${(report.durationMs / 1000).toFixed(1)} s: ${report.cases - report.disagreeing} agree, ${report.disagreeing} disagree; ${plural(report.conditions.length, 'condition')}, ${plural(report.groups.length + report.moreGroups, 'disagreement group')}`,
  ];
  return [
    ...header,
    ...(report.error ? [`ERR ${report.error}`] : []),
    ...report.groups.map((g) => `\n${describeGroup(g, replayArgs, report.messages)}`),
    '',
    closingLine(report),
    '',
  ].join('\n');
}
