// JUnit XML, the format CI systems draw test tables from: one testcase per check.
import type { CheckResult } from '../check.ts';
import type { RunReport } from '../runner.ts';
import { describeFinding } from './console.ts';

/** XML 1.0 cannot hold control characters or lone surrogates, which counterexamples do. */
function xml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function testcase(result: CheckResult, targetArgs: readonly string[]): string {
  const open = `    <testcase classname="conformance" name="${xml(result.check)}" time="${(result.durationMs / 1000).toFixed(3)}"`;
  switch (result.status) {
    case 'passed':
      return `${open}/>`;
    case 'skipped':
      return `${open}>\n      <skipped message="${xml(result.note ?? '')}"/>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error type="harness" message="${xml(result.note ?? '')}"/>\n    </testcase>`;
    case 'failed': {
      const body = result.findings.map((f) => describeFinding(f, targetArgs)).join('\n\n');
      return `${open}>\n      <failure type="finding" message="${xml(result.findings[0]?.reason ?? 'failed')}">${xml(body)}</failure>\n    </testcase>`;
    }
  }
}

export function junitReport(report: RunReport, targetArgs: readonly string[]): string {
  const count = (s: CheckResult['status']) => report.results.filter((r) => r.status === s).length;
  const attrs = `tests="${report.results.length}" failures="${count('failed')}" errors="${count('error')}" skipped="${count('skipped')}" time="${(report.durationMs / 1000).toFixed(3)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="connect-harness conformance" ${attrs}>`,
    `  <testsuite name="${xml(`conformance: ${report.target.description}`)}" ${attrs} timestamp="${report.startedAt}">`,
    `    <properties><property name="seed" value="${report.seed}"/><property name="runs" value="${report.runs}"/><property name="profile" value="${xml(report.profile)}"/></properties>`,
    ...report.results.map((r) => testcase(r, targetArgs)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
