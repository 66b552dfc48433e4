// A diff run: the verdict and counts, how to replay it, the conditions where the two targets
// disagreed, each group with its counterexample and both answers side by side, and the sides.
import type { VNode } from 'preact';
import { abbreviate } from '../../contract/abbreviate.ts';
import type { DiffGroup, DiffJson, DiffSide } from '../inputs.ts';
import type { Verdict } from '../verdict.ts';
import { Badge, Code, Counts, ExchangeView, KeyValues, Table, html, plural, seconds } from './parts.ts';

function answerLine(side: DiffSide): string {
  const a = side.answer;
  return [a.status, a.error, typeof a.body === 'string' ? `(${a.body})` : '', typeof a.message === 'string' ? `“${a.message}”` : ''].filter((x) => x !== undefined && x !== null && x !== '').join(' ');
}

function GroupView(group: DiffGroup): VNode {
  return html`<details class=${`finding ${group.flaky ? 'finding-flaky' : 'finding-finding'}`} open=${!group.flaky}>
    <summary><span class=${`grade ${group.flaky ? 'grade-flaky' : 'grade-finding'}`}>${group.flaky ? 'FLAKY' : 'DIFFERS'}</span> ${group.group}</summary>
    <p class="group">condition <code>${group.condition}</code>, differs in ${group.differences.map(String).join(', ')}; ${plural(group.occurrences, 'case')} (${group.phase} phase)${group.shrinks ? `, ${group.shrinks} shrink steps` : ''}${group.note ? `; ${group.note}` : ''}</p>
    ${Code(JSON.stringify(group.counterexample.request, null, 2) ?? abbreviate(group.counterexample.request), `counterexample (${group.counterexample.kind})`)}
    ${group.replayCommand ? Code(group.replayCommand, 'replay') : null}
    <div class="sides">
      <div class="side"><h4>baseline: ${answerLine(group.baseline)}</h4>${ExchangeView(group.baseline.exchange, 'baseline ')}</div>
      <div class="side"><h4>candidate: ${answerLine(group.candidate)}</h4>${ExchangeView(group.candidate.exchange, 'candidate ')}</div>
    </div>
  </details>`;
}

export function DiffSection(data: DiffJson, verdict: Verdict): VNode {
  const failing = data.conditions.filter((c) => c.disagreeing > 0);
  const phases = data.phases.length === 2 ? '' : ` --phases ${data.phases.join(',')}`;
  return html`<div class="section-body">
    <p class="headline">${Badge(verdict.status)} ${verdict.headline}</p>
    ${Counts(verdict.counts)}
    <p>Seed <strong>${String(data.seed)}</strong>. Replay the whole run with:</p>
    ${Code(`npx connect-harness diff --baseline ${data.baseline.endpoint} --candidate ${data.candidate.endpoint} --seed ${data.seed} --runs ${data.runs}${phases}${data.messages ? ' --messages' : ''}`)}
    ${data.error !== undefined ? html`<h3>Harness error</h3><p class="errors">${data.error}</p>` : null}
    <h3>Conditions</h3>
    <p>${plural(data.conditions.length, 'condition')} exercised, ${failing.length} with disagreements.</p>
    ${failing.length > 0 ? Table(['condition', 'cases', 'disagreeing'], failing.map((c) => [c.condition, String(c.cases), String(c.disagreeing)])) : null}
    ${data.groups.length > 0 ? html`<h3>Disagreements</h3>${data.groups.map(GroupView)}` : html`<p class="all-good">The two targets answered every case alike.</p>`}
    <h3>Configuration</h3>
    ${KeyValues([
      ['baseline', `${data.baseline.kind}: ${data.baseline.description} (${data.baseline.region})`],
      ['candidate', `${data.candidate.kind}: ${data.candidate.description} (${data.candidate.region})`],
      ['seed', data.seed],
      ['random cases', data.runs],
      ['phases', data.phases.join(', ')],
      ['messages compared', data.messages ? 'yes' : 'no'],
      ['started', data.startedAt],
      ['duration', seconds(data.durationMs)],
      ['interrupted', data.interrupted],
    ])}
  </div>`;
}
