// `connect-harness k6-combine` over the summaries handleSummary writes, one per pod of a k6-operator
// TestRun. The fixture summaries are written by the scenarios' own summary code (summaryOutputs)
// from handleSummary data of each pod, so they cannot drift from what k6 runs produce.
// Exit: 0 verdict holds / knee found, 1 SLO failed or not shown, 2 bad input.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../../harness/cli/command.ts';
import type { CombinedGroup } from '../../harness/cli/commands/k6-combine.ts';
import { main } from '../../harness/cli/main.ts';
import type { StepPlan } from '../../scenarios/lib/capacity-steps.ts';
import { declared, legacyCapacityData, machineReadableCapacityData, plan, plannedStarts, type StepFigures } from '../scenarios/summary-fixtures.ts';

type SummaryOutputs = typeof import('../../scenarios/lib/summary.ts').summaryOutputs;
let summaryOutputs: SummaryOutputs;
let dir: string;

beforeAll(async () => {
  // summary.ts reads k6's __ENV (through env.ts) when first imported: the pods' settings.
  (globalThis as { __ENV?: Record<string, string> }).__ENV = { TEST_ID: 'cap-1', SUMMARY_DIR: 'out' };
  ({ summaryOutputs } = await import('../../scenarios/lib/summary.ts'));
  dir = await mkdtemp(join(tmpdir(), 'k6-combine-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stdin: async () => Buffer.alloc(0), interactive: false };
  const status = await main(['k6-combine', ...argv], io);
  return { status, stdout: out.join(''), stderr: err.join('') };
}

const stagesOf = (p: StepPlan) => p.stepRates.flatMap((target) => [{ target, duration: `${p.rampSeconds}s` }, { target, duration: `${p.stepSeconds - p.rampSeconds}s` }]);

/** One pod's capacity summary file, written by summaryOutputs; returns its path. */
async function capacityPod(folder: string, name: string, segment: string, steps: readonly StepFigures[], o: { shape?: 'legacy' | 'machine-readable'; plan?: StepPlan; testId?: string } = {}): Promise<string> {
  const p = o.plan ?? plan;
  const build = o.shape === 'machine-readable' ? machineReadableCapacityData : legacyCapacityData;
  const options = { thresholds: declared(p), executionSegment: segment, scenarios: { capacity: { executor: 'ramping-arrival-rate', timeUnit: '1s', stages: stagesOf(p) } } };
  const out = summaryOutputs('capacity', build(steps, { plan: p, setupData: { plan: p } }), { options, capacity: { scenario: 'capacity', initPlan: p } });
  // One instance of a segmented run: the file name carries the segment.
  const json = Object.entries(out).find(([key]) => key.startsWith('out/capacity.seg-') && key.endsWith('-summary.json'))![1];
  const report = JSON.parse(json) as { testId: string };
  const file = join(folder, `${name}-capacity-summary.json`);
  await mkdir(folder, { recursive: true });
  await writeFile(file, JSON.stringify(o.testId === undefined ? report : { ...report, testId: o.testId }));
  return file;
}

/** A third of each step's planned starts. */
const third = (step: number) => Math.round(plannedStarts(step) / 3);

describe('capacity over three pods', () => {
  it('a knee every pod saw: exit 0, starts summed, p95 the pods\u2019 highest', async () => {
    const folder = join(dir, 'knee');
    for (const [i, segment] of ['0:1/3', '1/3:2/3', '2/3:1'].entries()) {
      await capacityPod(folder, `pod${i}`, segment, [{ starts: third(1), p95: 100 + i }, { starts: third(2), p95: 200 + i }, { starts: 400, throttled: 40, p95: 300 + i }]);
    }
    const json = join(dir, 'knee.json');
    const ran = await run([folder, '--json', json]);
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/testid cap-1, capacity: 3 summaries covering 100\.0% of the test/);
    expect(ran.stdout).toMatch(/capacity: knee found: step 2 \(20\/s\) held; step 3 \(40\/s\) did not: throttled 10\.0% \(limit < 5\.0%\)/);
    expect(ran.stdout).toMatch(/exit 0: knee-found/);
    const [group] = JSON.parse(await readFile(json, 'utf8')) as CombinedGroup[];
    const steps = group!.capacityVerdict!.steps;
    expect(steps.map((s) => s.starts)).toEqual([3 * third(1), 3 * third(2), 1200, 0]);
    expect(steps[2]).toMatchObject({ throttled: 120, throttledRate: 0.1, status: 'failed' });
    expect(steps[0]!.latencyMs.p95).toBe(102);
    expect(steps[0]!.deliveredShare).toBeCloseTo(1, 2);
    expect(steps[0]!.achievedRate).toBeCloseTo(10, 1);
    expect(steps[3]!.status).toBe('not-reached');
  });

  it('shares come from summed counts: a pod over the limit does not fail a step the whole test held', async () => {
    const folder = join(dir, 'shares');
    // Step 2: 2 % throttled of 1000 on one pod, 9 % of 100 on the other: 29 / 1100 = 2.6 % overall.
    await capacityPod(folder, 'a', '0:1/2', [{ starts: 300 }, { starts: 1000, throttled: 20 }, { starts: 500, failed: 50 }]);
    await capacityPod(folder, 'b', '1/2:1', [{ starts: 300 }, { starts: 100, throttled: 9 }, { starts: 500, failed: 50 }]);
    const ran = await run([folder]);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/knee found: step 2 \(20\/s\) held; step 3 \(40\/s\) did not: failed 10\.0%/);
  });

  it('percentiles that straddle the limit count as crossed, marked approximate', async () => {
    const folder = join(dir, 'straddle');
    await capacityPod(folder, 'a', '0:1/2', [{ starts: 300 }, { starts: 600, p95: 900 }, { starts: 10 }]);
    await capacityPod(folder, 'b', '1/2:1', [{ starts: 300 }, { starts: 600, p95: 1100 }, { starts: 10 }]);
    const json = join(dir, 'straddle.json');
    const ran = await run([folder, '--json', json]);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/knee found: step 1 \(10\/s\) held; step 2 \(20\/s\) did not/);
    const [group] = JSON.parse(await readFile(json, 'utf8')) as CombinedGroup[];
    expect(group!.thresholds.find((t) => t.metric === 'webrtc_start_duration{step:2,outcome:accepted}')).toMatchObject({ status: 'crossed', approximate: { low: 900, high: 1100 }, note: expect.stringMatching(/^approximate/) });
  });

  it('machine-readable pods combine the same way', async () => {
    const folder = join(dir, 'mr');
    for (const [i, segment] of ['0:1/2', '1/2:1'].entries()) {
      await capacityPod(folder, `pod${i}`, segment, [{ starts: 300 }, { starts: 500, failed: 25 }], { shape: 'machine-readable' });
    }
    const ran = await run([folder]);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/knee found: step 1 \(10\/s\) held; step 2 \(20\/s\) did not: failed 5\.0% \(limit < 1\.0%\)/);
  });

  it('no step held: exit 1; a missing pod is named as missing coverage', async () => {
    const folder = join(dir, 'broken');
    await capacityPod(folder, 'a', '0:1/3', [{ starts: 100, failed: 90 }]);
    await capacityPod(folder, 'b', '1/3:2/3', [{ starts: 100, failed: 90 }]);
    const ran = await run([folder]);
    expect(ran.status).toBe(1);
    expect(ran.stdout).toMatch(/below-first-step/);
    expect(ran.stdout).toMatch(/cover 66\.7% of the test.*summaries are missing/);
  });

  it('groups by test id: each gets its verdict, the exit status is the worst, --testid picks one', async () => {
    const folder = join(dir, 'two-tests');
    await capacityPod(folder, 'good', '0:1', [{ starts: 300 }, { starts: 500, throttled: 100 }]);
    await capacityPod(folder, 'bad', '0:1', [{ starts: 300, failed: 100 }], { testId: 'cap-2' });
    const both = await run([folder]);
    expect(both.status).toBe(1);
    expect(both.stdout).toMatch(/testid cap-1, capacity/);
    expect(both.stdout).toMatch(/testid cap-2, capacity/);
    expect((await run([folder, '--testid', 'cap-1'])).status).toBe(0);
  });
});

describe('a load test over two pods', () => {
  const thresholds = {
    'webrtc_start_duration{outcome:accepted}': ['p(95)<500', 'p(99)<1000'],
    webrtc_start_failed: ['rate<0.01'],
    webrtc_contacts_started: ['count>0'],
    checks: ['rate>0.99'],
  };
  function loadData(failed: number, p95: number, shape: 'legacy' | 'machine-readable' = 'legacy'): unknown {
    const latency = { avg: 50, min: 5, med: 40, max: 900, 'p(90)': p95 - 10, 'p(95)': p95, 'p(99)': p95 + 50, count: 1000 - failed };
    if (shape === 'machine-readable') {
      return {
        version: '1.0.0',
        config: { duration: 60, execution: 'local', script: '' },
        metadata: { generated_at: 'x', k6_version: '2.3.0' },
        results: {
          checks: { metrics: [{ name: 'checks_succeeded', type: 'rate', contains: 'default', values: { matches: 1000 - failed, rate: (1000 - failed) / 1000, total: 1000 } }], results: [{ name: 'start accepted', passes: 1000 - failed, fails: failed }] },
          metrics: [
            { name: 'webrtc_start_duration{outcome:accepted}', type: 'trend', contains: 'time', values: { avg: 50, max: 900, med: 40, min: 5, p90: p95 - 10, p95 } },
            { name: 'webrtc_start_failed', type: 'rate', contains: 'default', values: { matches: failed, rate: failed / 1000, total: 1000 } },
            { name: 'webrtc_contacts_started', type: 'counter', contains: 'default', values: { count: 1000 - failed } },
          ],
        },
      };
    }
    return {
      state: { testRunDurationMs: 60_000 },
      root_group: { name: '', checks: [{ name: 'start accepted', passes: 1000 - failed, fails: failed }] },
      metrics: {
        'webrtc_start_duration{outcome:accepted}': { type: 'trend', contains: 'time', values: latency, thresholds: { 'p(95)<500': { ok: p95 < 500 }, 'p(99)<1000': { ok: true } } },
        webrtc_start_failed: { type: 'rate', contains: 'default', values: { rate: failed / 1000, passes: failed, fails: 1000 - failed }, thresholds: { 'rate<0.01': { ok: failed / 1000 < 0.01 } } },
        webrtc_contacts_started: { type: 'counter', contains: 'default', values: { count: 1000 - failed, rate: (1000 - failed) / 60 }, thresholds: { 'count>0': { ok: true } } },
        checks: { type: 'rate', contains: 'default', values: { rate: (1000 - failed) / 1000, passes: 1000 - failed, fails: failed }, thresholds: { 'rate>0.99': { ok: (1000 - failed) / 1000 > 0.99 } } },
      },
    };
  }
  async function pods(name: string, ...data: unknown[]): Promise<string> {
    const folder = join(dir, name);
    await mkdir(folder, { recursive: true });
    for (const [i, d] of data.entries()) await writeFile(join(folder, `pod${i}-load-summary.json`), summaryOutputs('load', d, { options: { thresholds } })['out/load-summary.json']!);
    return folder;
  }

  it('every threshold holds over the combined figures: exit 0', async () => {
    const ran = await run([await pods('load-ok', loadData(5, 300), loadData(4, 320))]);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/exit 0: every threshold holds/);
    expect(ran.stdout).toMatch(/check "start accepted": 1991 passed, 9 failed/);
  });

  it('one pod failing enough to cross the combined rate: exit 1', async () => {
    const ran = await run([await pods('load-bad', loadData(5, 300), loadData(40, 320))]);
    expect(ran.status).toBe(1);
    expect(ran.stdout).toMatch(/FAIL webrtc_start_failed rate<0\.01/);
  });

  it('machine-readable pods: p(99) has no verdict, so the SLO is not shown: exit 1, saying why', async () => {
    const ran = await run([await pods('load-mr', loadData(5, 300, 'machine-readable'), loadData(4, 320, 'machine-readable'))]);
    expect(ran.status).toBe(1);
    expect(ran.stdout).toMatch(/n\/a  webrtc_start_duration\{outcome:accepted\} p\(99\)<1000 \(p\(99\) is not in the machine-readable summary/);
  });
});

describe('bad input: exit 2, one line', () => {
  const expectBad = (ran: { status: number; stdout: string; stderr: string }, pattern: RegExp) => {
    expect(ran.status).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/^[^\n]+\n$/);
    expect(ran.stderr).toMatch(pattern);
  };

  it('no argument, a missing file, an empty directory, not JSON, not our summary', async () => {
    expectBad(await run([]), /give the summary files/);
    expectBad(await run([join(dir, 'nope.json')]), /ENOENT/);
    const empty = join(dir, 'empty');
    await mkdir(empty, { recursive: true });
    expectBad(await run([empty]), /no \*-summary\.json/);
    await writeFile(join(dir, 'text-summary.json'), 'not json');
    expectBad(await run([join(dir, 'text-summary.json')]), /not JSON/);
    await writeFile(join(dir, 'k6-summary.json'), JSON.stringify({ metrics: {}, root_group: {} }));
    expectBad(await run([join(dir, 'k6-summary.json')]), /not a summary written by the k6 scenarios/);
  });

  it('a pod whose handleSummary could not read its data, pods with different plans, an unknown test id', async () => {
    const unreadable = summaryOutputs('capacity', 'garbage', {})['out/capacity-summary.json']!;
    await writeFile(join(dir, 'unreadable-summary.json'), unreadable);
    expectBad(await run([join(dir, 'unreadable-summary.json')]), /could not read its data/);
    const folder = join(dir, 'plans');
    await capacityPod(folder, 'a', '0:1/2', [{ starts: 10 }]);
    await capacityPod(folder, 'b', '1/2:1', [{ starts: 10 }], { plan: { stepRates: [10, 20, 40, 80], stepSeconds: 40, rampSeconds: 10 } });
    expectBad(await run([folder]), /different step plans/);
    expectBad(await run([join(folder, 'a-capacity-summary.json'), '--testid', 'other']), /no summary of testid other/);
  });
});
