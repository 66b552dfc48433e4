// JUnit XML: one testcase per condition the run met (`length at /ParticipantDetails/DisplayName`,
// `accepted`, …), failed when the sides disagreed on it. The suite is named by the kinds of the two
// targets, never their URLs (a random port would make every run a new suite); durations are rounded.
import { describeGroup } from './console.ts';
import type { ConditionSummary, DiffReport } from '../runner.ts';

/** XML 1.0 cannot hold control characters or lone surrogates, which counterexamples do. */
function xml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const seconds = (ms: number) => (Math.round(ms) / 1000).toFixed(3);

function testcase(condition: ConditionSummary, report: DiffReport, replayArgs: readonly string[]): string {
  const open = `    <testcase classname="diff" name="${xml(condition.condition)}" time="${seconds(condition.durationMs)}"`;
  const groups = report.groups.filter((g) => g.condition === condition.condition);
  const shown = (flaky: boolean) => groups.filter((g) => g.flaky === flaky).map((g) => describeGroup(g, replayArgs, report.messages)).join('\n\n');
  const flaky = shown(true);
  const out = flaky ? `\n      <system-out>${xml(flaky)}</system-out>` : '';
  if (!condition.failing) return out ? `${open}>${out}\n    </testcase>` : `${open}/>`;
  const first = groups.find((g) => !g.flaky);
  const message = first ? first.key : `${condition.disagreeing} disagreeing cases (groups not shown: --max-findings)`;
  return `${open}>\n      <failure type="disagreement" message="${xml(message)}">${xml(shown(false))}</failure>${out}\n    </testcase>`;
}

export function junitReport(report: DiffReport, replayArgs: readonly string[]): string {
  const failures = report.conditions.filter((c) => c.failing).length;
  const harness = report.error ?? (report.interrupted === undefined ? undefined : `interrupted: ${report.interrupted}`);
  const tests = report.conditions.length + (harness ? 1 : 0);
  const attrs = `tests="${tests}" failures="${failures}" errors="${harness ? 1 : 0}" skipped="0" time="${seconds(report.durationMs)}"`;
  const properties = {
    baseline: report.baseline.description,
    candidate: report.candidate.description,
    seed: report.seed,
    runs: report.runs,
    phases: report.phases.join(','),
    messages: report.messages,
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="connect-harness diff" ${attrs}>`,
    `  <testsuite name="${xml(`diff: ${report.baseline.kind} vs ${report.candidate.kind}`)}" ${attrs} timestamp="${report.startedAt}">`,
    `    <properties>${Object.entries(properties).map(([k, v]) => `<property name="${k}" value="${xml(String(v))}"/>`).join('')}</properties>`,
    ...report.conditions.map((c) => testcase(c, report, replayArgs)),
    ...(harness ? [`    <testcase classname="diff" name="(harness)" time="0.000">\n      <error type="harness" message="${xml(harness)}"/>\n    </testcase>`] : []),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
