// A JUnit XML report of one k6 run, written by our own code (no remote jslib import): one test case
// per threshold and per check, so CI shows which SLO or which check failed.
import type { SummaryCheck, ThresholdResult } from './summary-data.ts';

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function suite(name: string, cases: readonly { name: string; failure?: string }[]): string {
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const body = cases
    .map((c) =>
      c.failure === undefined
        ? `    <testcase classname="${xml(name)}" name="${xml(c.name)}"/>`
        : `    <testcase classname="${xml(name)}" name="${xml(c.name)}">\n      <failure message="${xml(c.failure)}"/>\n    </testcase>`,
    )
    .join('\n');
  return `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}">\n${body}${body ? '\n' : ''}  </testsuite>`;
}

export function junitReport(scenario: string, thresholds: readonly ThresholdResult[], checks: readonly SummaryCheck[]): string {
  const thresholdCases = thresholds.map((t) => ({ name: `${t.metric}: ${t.expression}`, ...(t.ok ? {} : { failure: 'threshold crossed' }) }));
  const checkCases = checks.map((c) => ({ name: c.name, ...(c.fails === 0 ? {} : { failure: `${c.fails} of ${c.passes + c.fails} failed` }) }));
  const tests = thresholdCases.length + checkCases.length;
  const failures = [...thresholdCases, ...checkCases].filter((c) => c.failure !== undefined).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="k6 ${xml(scenario)}" tests="${tests}" failures="${failures}">`,
    suite(`k6.${scenario}.thresholds`, thresholdCases),
    suite(`k6.${scenario}.checks`, checkCases),
    '</testsuites>',
    '',
  ].join('\n');
}
