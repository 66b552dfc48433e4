// JUnit XML, the format CI systems draw test tables from: one testcase per check, and one per probe
// the run included (classname "probe").
import type { CheckResult, Finding } from '../check.ts';
import type { ProbeResult } from '../probes/probe.ts';
import type { RunReport } from '../runner.ts';
import { describeFinding } from './console.ts';

/** XML 1.0 cannot hold control characters or lone surrogates, which counterexamples do. */
function xml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(result: CheckResult, replayArgs: readonly string[]): string {
  const open = `    <testcase classname="conformance" name="${xml(result.check)}" time="${seconds(result.durationMs)}"`;
  const described = (grades: readonly Finding['grade'][]) => result.findings.filter((f) => grades.includes(f.grade)).map((f) => describeFinding(f, replayArgs)).join('\n\n');
  // Flaky failures never fail a case; they are printed beside it.
  const flaky = described(['flaky']);
  const out = flaky ? `\n      <system-out>${xml(flaky)}</system-out>` : '';
  switch (result.status) {
    case 'passed':
      return out ? `${open}>${out}\n    </testcase>` : `${open}/>`;
    case 'skipped':
      return `${open}>\n      <skipped message="${xml(result.note ?? '')}"/>${out}\n    </testcase>`;
    case 'diverged': {
      // Shown by CI without failing it: a divergence departs from an assumption, not from evidence.
      const divergences = result.findings.filter((f) => f.grade === 'divergence');
      return `${open}>\n      <skipped message="${xml(`${divergences.length} divergence${divergences.length === 1 ? '' : 's'} from assumptions: ${divergences[0]?.reason ?? ''}`)}">${xml(described(['divergence']))}</skipped>${out}\n    </testcase>`;
    }
    case 'error':
      return `${open}>\n      <error type="harness" message="${xml(result.note ?? '')}"/>\n    </testcase>`;
    case 'failed': {
      const first = result.findings.find((f) => f.grade === 'finding');
      return `${open}>\n      <failure type="finding" message="${xml(first?.reason ?? 'failed')}">${xml(described(['finding', 'divergence']))}</failure>${out}\n    </testcase>`;
    }
  }
}

function probeTestcase(probe: ProbeResult): string {
  const open = `    <testcase classname="probe" name="${xml(probe.name)}" time="${seconds(probe.durationMs)}"`;
  return probe.ok
    ? `${open}>\n      <system-out>${xml(probe.summary)}</system-out>\n    </testcase>`
    : `${open}>\n      <failure type="probe" message="${xml(probe.summary)}">${xml(probe.summary)}</failure>\n    </testcase>`;
}

export function junitReport(report: RunReport, replayArgs: readonly string[]): string {
  const count = (...s: CheckResult['status'][]) => report.results.filter((r) => s.includes(r.status)).length;
  const probes = report.probes ?? [];
  const failedProbes = probes.filter((p) => !p.ok).length;
  const attrs = `tests="${report.results.length + probes.length}" failures="${count('failed') + failedProbes}" errors="${count('error')}" skipped="${count('skipped', 'diverged')}" time="${seconds(report.durationMs)}"`;
  // The suite is named by the kind of target, never its URL: a random port would make every run a new suite.
  const properties = { target: report.target.description, region: report.target.region, seed: report.seed, runs: report.runs, phases: report.phases.join(','), profile: report.profile, strict: report.strict, ...(report.rerun ? { rerun: report.rerun } : {}) };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="connect-harness conformance" ${attrs}>`,
    `  <testsuite name="${xml(`conformance: ${report.target.kind}`)}" ${attrs} timestamp="${report.startedAt}">`,
    `    <properties>${Object.entries(properties).map(([k, v]) => `<property name="${k}" value="${xml(String(v))}"/>`).join('')}</properties>`,
    ...report.results.map((r) => testcase(r, replayArgs)),
    ...probes.map(probeTestcase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
