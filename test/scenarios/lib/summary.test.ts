// summaryOutputs (every scenario's handleSummary) never throws and never writes half a report: each
// call returns stdout, a JSON report and well-formed JUnit, whatever the data. A capacity run that
// found its knee is reported as the success it is: exit advice 0, no JUnit failure, the step table.
import { beforeAll, describe, expect, it } from 'vitest';
import { elements, parseXml } from '../../conformance/xml-well-formed.ts';
import { declared, legacyCapacityData, machineReadableCapacityData, plan, plannedStarts } from '../summary-fixtures.ts';

type SummaryOutputs = typeof import('../../../scenarios/lib/summary.ts').summaryOutputs;
let summaryOutputs: SummaryOutputs;

beforeAll(async () => {
  // env.ts reads k6's __ENV when it is first imported.
  (globalThis as { __ENV?: Record<string, string> }).__ENV = { TEST_ID: 'unit', SUMMARY_DIR: 'out' };
  ({ summaryOutputs } = await import('../../../scenarios/lib/summary.ts'));
});

function files(out: Record<string, string>, name: string) {
  expect(Object.keys(out).sort()).toEqual([`out/${name}-junit.xml`, `out/${name}-summary.json`, 'stdout']);
  const junit = parseXml(out[`out/${name}-junit.xml`]!);
  return { json: JSON.parse(out[`out/${name}-summary.json`]!) as Record<string, unknown>, junit, cases: elements(junit).filter((e) => e.name === 'testcase'), stdout: out.stdout! };
}

describe('summaryOutputs', () => {
  it('data in neither shape: complete files that say so', () => {
    for (const junk of [null, 42, 'text', [], {}, { results: 'x' }]) {
      const { json, junit } = files(summaryOutputs('load', junk, { options: { thresholds: { webrtc_start_failed: ['rate<0.01'] } } }), 'load');
      expect(json).toMatchObject({ schema: 'connect-harness/k6-summary@2', summaryShape: 'unreadable', passed: null });
      expect(junit.attributes.tests).toBe('1');
      expect(junit.attributes.skipped).toBe('1');
    }
  });

  it('an error while reporting: still complete files, and a failing JUnit case naming it', () => {
    const options = {
      get thresholds(): never {
        throw new Error('options unreadable');
      },
    };
    const { json, cases, stdout } = files(summaryOutputs('smoke', legacyCapacityData([]), { options }), 'smoke');
    expect(json).toMatchObject({ summaryShape: 'unreadable', passed: null, error: expect.stringContaining('options unreadable') });
    expect(cases).toHaveLength(1);
    expect(cases[0]!.children.map((c) => c.name)).toEqual(['failure']);
    expect(stdout).toContain('options unreadable');
  });

  for (const [shape, build] of [
    ['legacy', legacyCapacityData],
    ['machine-readable', machineReadableCapacityData],
  ] as const) {
    it(`${shape}: a knee found is a success for CI, with the step table and no JUnit failure`, () => {
      const steps = [{ starts: plannedStarts(1) }, { starts: plannedStarts(2) }, { starts: 900, throttled: 90, p95: 700 }];
      // The options in force, as k6 serialises them; the init-time plan is deliberately another one.
      const stages = plan.stepRates.flatMap((target) => [{ target, duration: '10s' }, { target, duration: '50s' }]);
      const options = { thresholds: declared(), scenarios: { capacity: { executor: 'ramping-arrival-rate', timeUnit: '1s', stages } } };
      const out = summaryOutputs('capacity', build(steps, { setupData: { plan } }), { options, capacity: { scenario: 'capacity', initPlan: { stepRates: [1], stepSeconds: 2, rampSeconds: 1 } } });
      const { json, junit, cases, stdout } = files(out, 'capacity');
      expect(json).toMatchObject({
        passed: false,
        expectedK6ExitCode: 99,
        capacityVerdict: { verdict: 'knee-found', highestHeldStep: 2, highestHeldRate: 20, firstFailedStep: 3, firstFailedRate: 40, exitAdvice: { code: 0, k6ExitCode: 99 } },
      });
      // The plan in force: setup_data in the legacy shape; the machine-readable one has none.
      expect((json.capacityVerdict as { plan: { source: string } }).plan.source).toBe(shape === 'legacy' ? 'setup_data' : 'options');
      if (shape === 'machine-readable') expect(json.notes).toContainEqual(expect.stringMatching(/no setup_data: the step plan came from the options in force/));
      expect(junit.attributes.failures).toBe('0');
      const names = cases.map((c) => c.attributes.name);
      expect(names).toContain('capacity verdict: knee-found');
      const step = (n: number) => cases.find((c) => c.attributes.name?.startsWith(`step ${n} `))!;
      expect(step(1).children.map((c) => c.name)).toEqual(['system-out']);
      expect(step(3).children.find((c) => c.name === 'skipped')!.attributes.message).toMatch(/did not hold: throttled 10\.0% \(limit < 5\.0%\) \(the knee\)/);
      expect(step(4).children.find((c) => c.name === 'skipped')!.attributes.message).toMatch(/^not reached/);
      expect(stdout).toMatch(/capacity: knee found: step 2 \(20\/s\) held; step 3 \(40\/s\) did not/);
      expect(stdout).toMatch(/step\s+target\/s/);
      expect(stdout).toMatch(/not reached/);
      expect(stdout).toContain('k6 exits 99; CI should exit 0');
    });
  }

  it('an instance of a segmented run (k6-operator pods) names its files after its segment', async () => {
    const { reportName } = await import('../../../scenarios/lib/summary.ts');
    expect(reportName('load', {})).toBe('load');
    expect(reportName('load', { executionSegment: '1/3:2/3' })).toBe('load.seg-1of3-2of3');
    expect(reportName('load', { executionSegment: '50%:100%' })).toBe('load.seg-50pct-100pct');
    expect(reportName('load', { executionSegment: '0.5' })).toBe('load.seg-0-0p5');
    const out = summaryOutputs('load', legacyCapacityData([]), { options: { executionSegment: '0:1/2' } });
    expect(Object.keys(out).sort()).toEqual(['out/load.seg-0-1of2-junit.xml', 'out/load.seg-0-1of2-summary.json', 'stdout']);
  });

  it('a capacity run where no step held fails in JUnit too', () => {
    const out = summaryOutputs('capacity', legacyCapacityData([{ starts: 100, failed: 50 }]), { options: { thresholds: declared() }, capacity: { scenario: 'capacity', initPlan: plan } });
    const { json, junit } = files(out, 'capacity');
    expect(json).toMatchObject({ capacityVerdict: { verdict: 'below-first-step', exitAdvice: { code: 1 } } });
    expect(Number(junit.attributes.failures)).toBeGreaterThan(0);
  });
});

describe('durations in the JSON report', () => {
  it('are milliseconds to 0.1 ms (time metrics, thresholds on them, the run), other figures untouched', () => {
    const data = {
      state: { testRunDurationMs: 30012.345678, isStdOutTTY: false, isStdErrTTY: false },
      root_group: { name: '', path: '', groups: [], checks: [] },
      metrics: {
        http_req_duration: { type: 'trend', contains: 'time', values: { avg: 457.489858, 'p(95)': 612.340001, count: 10 }, thresholds: { 'p(95)<1000': { ok: true } } },
        http_req_failed: { type: 'rate', contains: 'default', values: { rate: 0.012345, passes: 1, fails: 80 } },
        webrtc_start_duration: { type: 'trend', contains: 'time', values: { med: 0.123456 } },
      },
    };
    const json = JSON.parse(summaryOutputs('load', data, { options: { thresholds: { http_req_duration: ['p(95)<1000'] } } })['out/load-summary.json']!) as {
      durationMs: number;
      metrics: Record<string, { values: Record<string, number> }>;
      thresholds: { metric: string; actual?: number }[];
    };
    expect(json.durationMs).toBe(30012.3);
    expect(json.metrics.http_req_duration!.values).toEqual({ avg: 457.5, 'p(95)': 612.3, count: 10 });
    expect(json.metrics.webrtc_start_duration!.values).toEqual({ med: 0.1 });
    expect(json.metrics.http_req_failed!.values).toMatchObject({ rate: 0.012345 });
    for (const t of json.thresholds.filter((t) => t.metric === 'http_req_duration' && t.actual !== undefined)) expect(t.actual).toBe(612.3);
  });
});
