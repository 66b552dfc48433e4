// A conformance run (or the main job's): the verdict and counts, how to replay the run, the checks,
// every finding with its counterexample, answer and curl, the divergences beside what the observed
// profile says of their rule, the probes, and the run's configuration.
import type { VNode } from 'preact';
import type { ProbeResult } from '../../conformance/probes/probe.ts';
import { mainRerunCommand } from '../../conformance/reporters/replay-command.ts';
import type { ConformanceFinding, ConformanceJson, ConformanceResult } from '../inputs.ts';
import type { ObservedProfile } from '../observed-profile.ts';
import type { Verdict } from '../verdict.ts';
import { Badge, Code, Counts, ExchangeView, KeyValues, Table, html, plural, seconds } from './parts.ts';

const checkStatus: Readonly<Record<ConformanceResult['status'], string>> = { passed: 'ok', failed: 'FAIL', diverged: 'diverged', skipped: 'skipped', error: 'ERROR' };
const gradeWords: Readonly<Record<ConformanceFinding['grade'], string>> = { finding: 'FINDING', divergence: 'DIVERGES', flaky: 'FLAKY' };

/** "divergence: length at /Attributes/*: ValidationException" → "length". */
export function ruleOfGroup(group: string): string | undefined {
  const body = group.replace(/^(finding|divergence|flaky):\s*/, '');
  const rule = /^([a-z0-9-]+)(?: at |:)/.exec(body)?.[1];
  return rule;
}

function checkRow(r: ConformanceResult): readonly (string | VNode)[] {
  const phases = r.phaseCases ? Object.entries(r.phaseCases).map(([p, n]) => `${p} ${n}`).join(', ') : '';
  const grades = (['finding', 'divergence', 'flaky'] as const).map((g) => [g, r.findings.filter((f) => f.grade === g).length] as const).filter(([, n]) => n > 0);
  const note = [...grades.map(([g, n]) => plural(n, g)), r.moreGroups ? `${r.moreGroups} more not shown` : '', r.note ?? ''].filter(Boolean).join(', ');
  return [r.check, html`<span class=${`status status-${r.status}`}>${checkStatus[r.status]}</span>`, `${r.cases}${phases ? ` (${phases})` : ''}`, seconds(r.durationMs), note];
}

function profileNote(finding: ConformanceFinding, profile: ObservedProfile | undefined): VNode | null {
  if (finding.grade !== 'divergence' || profile === undefined) return null;
  const rule = ruleOfGroup(finding.group);
  const entry = rule === undefined ? undefined : profile.entries[rule];
  const evidence = rule === undefined ? undefined : profile.evidence[rule];
  const disagreement = rule === undefined ? undefined : profile.disagreements[rule];
  const said =
    entry !== undefined
      ? `${entry.status ?? ''} ${entry.error ?? ''} (${entry.source ?? 'no source'}${evidence?.cases === undefined ? '' : `, ${evidence.cases} cases observed`})`
      : disagreement !== undefined
        ? 'the target answered this rule more than one way (a disagreement)'
        : evidence?.accepted === true
          ? `accepted by every observed case (${evidence.cases ?? '?'} cases): the target does not enforce it`
          : 'nothing observed for this rule';
  return html`<p class="profile-note">Observed profile <strong>${profile.name}</strong> on <code>${rule ?? '?'}</code>: ${said}</p>`;
}

function FindingView(finding: ConformanceFinding, profile: ObservedProfile | undefined): VNode {
  return html`<details class=${`finding finding-${finding.grade}`} open=${finding.grade !== 'flaky'}>
    <summary><span class=${`grade grade-${finding.grade}`}>${gradeWords[finding.grade]}</span> <strong>${finding.check}</strong>: ${finding.reason}</summary>
    <p class="group">group <code>${finding.group}</code>, ${plural(finding.occurrences, 'case')}${finding.shrinks ? `, ${finding.shrinks} shrink steps` : ''}${finding.shrinkNote ? ` (${finding.shrinkNote})` : ''}</p>
    ${profileNote(finding, profile)}
    ${Code(JSON.stringify(finding.counterexample, null, 2) ?? String(finding.counterexample), finding.grade === 'flaky' ? 'original case' : 'counterexample')}
    ${finding.replayCommand ? Code(finding.replayCommand, 'replay') : null}
    ${ExchangeView(finding.exchange)}
  </details>`;
}

function ProbesView(probes: readonly ProbeResult[]): VNode {
  return html`<h3>Probes</h3>
    ${Table(['probe', 'result', 'summary'], probes.map((p) => [p.name, html`<span class=${p.ok ? 'status status-passed' : 'status status-failed'}>${p.ok ? 'ok' : 'FAIL'}</span>`, p.summary]))}`;
}

export function replayRun(data: ConformanceJson, command = 'conformance'): string {
  const target = data.target.kind === 'emulator' ? '' : ' <the same target flags>';
  const phases = data.phases.length === 2 ? '' : ` --phases ${data.phases.join(',')}`;
  return command === 'main' ? mainRerunCommand(data.runs, data.seed) : `npx connect-harness conformance${target} --seed ${data.seed} --runs ${data.runs}${phases}${data.strict ? ' --strict' : ''}`;
}

export function ConformanceSection(data: ConformanceJson, verdict: Verdict, options: { probes?: readonly ProbeResult[]; profile?: ObservedProfile; command?: string }): VNode {
  const findings = data.results.flatMap((r) => r.findings);
  const order = { finding: 0, divergence: 1, flaky: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[a.grade] - order[b.grade]);
  const errors = data.results.filter((r) => r.status === 'error');
  return html`<div class="section-body">
    <p class="headline">${Badge(verdict.status)} ${verdict.headline}</p>
    ${Counts(verdict.counts)}
    <p>Seed <strong>${String(data.seed)}</strong>. Replay the whole run with:</p>
    ${Code(replayRun(data, options.command))}
    ${errors.length > 0 ? html`<h3>Harness errors</h3><ul class="errors">${errors.map((r) => html`<li><strong>${r.check}</strong>: ${r.note ?? 'error'}</li>`)}</ul>` : null}
    <h3>Checks</h3>
    ${Table(['check', 'result', 'cases', 'time', 'note'], data.results.map(checkRow))}
    ${sorted.length > 0 ? html`<h3>Findings, divergences and flaky failures</h3>${sorted.map((f) => FindingView(f, options.profile))}` : html`<p class="all-good">No finding, no divergence, no flaky failure.</p>`}
    ${options.probes && options.probes.length > 0 ? ProbesView(options.probes) : null}
    <h3>Configuration</h3>
    ${KeyValues([
      ['target', `${data.target.kind}: ${data.target.description}`],
      ['region', data.target.region],
      ['profile', data.profile],
      ['seed', data.seed],
      ['random cases per property check', data.runs],
      ['phases', data.phases.join(', ')],
      ['strict', data.strict ? 'yes: divergences fail the run' : 'no'],
      ['started', data.startedAt],
      ['duration', seconds(data.durationMs)],
      ['interrupted', data.interrupted],
    ])}
  </div>`;
}
