// The capacity verdict a person (and CI) can act on, from either summary shape: the highest step
// that held, the first that did not and why, per-step p50/p95/p99 and outcome mix, unreached steps
// "not reached" (never held, whatever k6's no-samples rules make of their thresholds), and the exit
// advice for a run that found its knee (k6 exits 99; CI should not fail).
import { describe, expect, it } from 'vitest';
import {
  abortEvidenceSeconds,
  capacityVerdict,
  k6DurationSeconds,
  planFromOptions,
  planFromSetupData,
  planInForce,
  segmentFraction,
  stepTable,
  stepThresholds,
  type StepPlan,
} from '../../scenarios/lib/capacity-steps.ts';
import { normaliseSummary } from '../../scenarios/lib/summary-normal.ts';
import { declared, legacyCapacityData, machineReadableCapacityData, plan, plannedStarts, type FixtureOptions, type StepFigures } from './summary-fixtures.ts';

const shapes = {
  legacy: legacyCapacityData,
  'machine-readable': machineReadableCapacityData,
} as const;

function verdictFor(shape: keyof typeof shapes, steps: readonly StepFigures[], o: FixtureOptions = {}) {
  const normal = normaliseSummary(shapes[shape](steps, o), declared(o.plan ?? plan));
  return capacityVerdict(normal, o.plan ?? plan, 'init');
}

const healthy = (step: number): StepFigures => ({ starts: plannedStarts(step), p50: 10 * step, p95: 30 * step, p99: 50 * step });

describe.each(Object.keys(shapes) as (keyof typeof shapes)[])('from the %s summary shape', (shape) => {
  it('a knee: names the highest step that held, the first that failed and why; later steps not reached', () => {
    const v = verdictFor(shape, [healthy(1), healthy(2), { starts: 1000, throttled: 72, p50: 40, p95: 300, p99: 900 }]);
    expect(v).toMatchObject({ verdict: 'knee-found', highestHeldStep: 2, highestHeldRate: 20, firstFailedStep: 3, firstFailedRate: 40 });
    expect(v.why).toEqual(['throttled 7.2% (limit < 5.0%)']);
    expect(v.headline).toMatch(/^knee found: step 2 \(20\/s\) held; step 3 \(40\/s\) did not: throttled 7\.2%/);
    expect(v.steps.map((s) => s.status)).toEqual(['held', 'held', 'failed', 'not-reached']);
    expect(v.steps[3]).toMatchObject({ held: false, starts: 0, reasons: ['not reached: the run ended before this step started'] });
    expect(v.exitAdvice).toMatchObject({ code: 0, k6ExitCode: 99 });
    expect(v.steps[2]).toMatchObject({ starts: 1000, accepted: 928, throttled: 72, failed: 0, acceptedShare: 0.928, throttledRate: 0.072, failedRate: 0 });
    // p99 only where the shape carries it.
    expect(v.steps[0]!.latencyMs).toEqual(shape === 'legacy' ? { p50: 10, p95: 30, p99: 50 } : { p50: 10, p95: 30 });
  });

  it('a latency knee and an error knee say so, with the value and the limit', () => {
    const latency = verdictFor(shape, [healthy(1), { starts: 800, p50: 400, p95: 1240, p99: 2000 }]);
    expect(latency).toMatchObject({ verdict: 'knee-found', firstFailedStep: 2 });
    expect(latency.why).toEqual(['accepted p(95) 1240 ms (limit < 1000 ms)']);
    const errors = verdictFor(shape, [{ starts: 550, failed: 17 }]);
    expect(errors.verdict).toBe('below-first-step');
    expect(errors.why).toEqual(['failed 3.1% (limit < 1.0%)']);
    expect(errors.exitAdvice.code).toBe(1);
  });

  it('every step held: the capacity is above the plan, exit 0 and k6 exits 0', () => {
    const v = verdictFor(shape, [healthy(1), healthy(2), healthy(3), healthy(4)]);
    expect(v).toMatchObject({ verdict: 'held-all-steps', highestHeldStep: 4, highestHeldRate: 80, firstFailedStep: undefined });
    expect(v.exitAdvice).toMatchObject({ code: 0, k6ExitCode: 0 });
    expect(v.steps.every((s) => s.deliveredShare === 1)).toBe(true);
  });

  it('thresholds that pass without samples never make a step held', () => {
    // k6 passes rate<0.01 with no samples and reads an empty trend as zeros (p(95)<1000 passes).
    const normal = normaliseSummary(shapes[shape]([], { durationS: 5 }), declared());
    expect(normal.thresholds.every((t) => t.status === 'ok')).toBe(true);
    const v = capacityVerdict(normal, plan, 'init');
    expect(v.steps.map((s) => [s.status, s.held])).toEqual(plan.stepRates.map(() => ['not-reached', false]));
    expect(v).toMatchObject({ verdict: 'no-evidence', highestHeldStep: undefined, exitAdvice: { code: 1 } });
    expect(v.headline).toMatch(/no starts were measured/);
  });

  it('a run that ends after held steps without a failing one is no evidence of a knee', () => {
    const v = verdictFor(shape, [healthy(1), healthy(2)]);
    expect(v).toMatchObject({ verdict: 'no-evidence', highestHeldStep: 2, exitAdvice: { code: 1 } });
    expect(v.headline).toMatch(/no evidence beyond step 2 \(20\/s\): the run ended before step 3/);
  });

  it('a step that delivered too little of its plan says so (dropped iterations), and the run total is reported', () => {
    const v = verdictFor(shape, [healthy(1), { starts: Math.round(plannedStarts(2) * 0.6), p95: 1500 }, { starts: 10 }], { dropped: 412 });
    expect(v.firstFailedStep).toBe(2);
    expect(v.steps[1]!.deliveredShare).toBeCloseTo(0.6, 2);
    expect(v.why).toContainEqual(expect.stringMatching(/^delivered 60\.0% of the 1150 starts planned/));
    expect(v.why).toContain('k6 dropped 412 iterations over the run (no VU free: latency outgrew the VU budget)');
    expect(v.droppedIterations).toBe(412);
  });

  it('the text table shows each step, its latency and outcome mix, and "not reached"', () => {
    const table = stepTable(verdictFor(shape, [healthy(1), { starts: 1000, throttled: 72 }]));
    expect(table[0]).toMatch(/step\s+target\/s\s+achieved\/s\s+starts\s+accepted\s+throttled\s+failed\s+p50\s+p95\s+p99\s+status/);
    expect(table).toHaveLength(1 + plan.stepRates.length);
    expect(table[2]).toMatch(/92\.8%\s+7\.2%\s+0\.0%.*FAILED$/);
    expect(table[3]).toMatch(/not reached$/);
    expect(table[1]).toContain(shape === 'legacy' ? '50 ms' : '-  held');
  });
});

describe('the plan in force', () => {
  const inForce: StepPlan = { stepRates: [5, 10], stepSeconds: 40, rampSeconds: 10 };

  it('comes from setup_data when the legacy summary carries it, else from the options in force, else the init code', () => {
    const legacy = normaliseSummary(legacyCapacityData([], { setupData: { plan: inForce } }));
    expect(planInForce(legacy, {}, 'capacity', plan)).toEqual({ plan: inForce, source: 'setup_data' });
    const options = { scenarios: { capacity: { executor: 'ramping-arrival-rate', timeUnit: '1s', stages: [{ target: 5, duration: '10s' }, { target: 5, duration: '30s' }, { target: 10, duration: '10s' }, { target: 10, duration: '30s' }] } } };
    const mr = normaliseSummary(machineReadableCapacityData([]));
    expect(mr.setupData).toBeUndefined();
    expect(planInForce(mr, options, 'capacity', plan)).toEqual({ plan: inForce, source: 'options' });
    expect(planInForce(mr, {}, 'capacity', plan)).toEqual({ plan, source: 'init' });
  });

  it('reads the stages as k6 serialises them (Go durations), and refuses what is not a step plan', () => {
    const stages = [{ target: 60, duration: '10s' }, { target: 60, duration: '1m0s' }, { target: 120, duration: '10s' }, { target: 120, duration: '1m0s' }];
    expect(planFromOptions({ scenarios: { c: { executor: 'ramping-arrival-rate', timeUnit: '1m0s', stages } } }, 'c')).toEqual({ stepRates: [1, 2], stepSeconds: 70, rampSeconds: 10 });
    expect(planFromOptions({ scenarios: { c: { executor: 'constant-arrival-rate' } } }, 'c')).toBeUndefined();
    expect(planFromOptions({ scenarios: { c: { executor: 'ramping-arrival-rate', stages: stages.slice(0, 3) } } }, 'c')).toBeUndefined();
    expect(planFromSetupData({ plan: { stepRates: [], stepSeconds: 1, rampSeconds: 0 } })).toBeUndefined();
    expect(planFromSetupData('nonsense')).toBeUndefined();
    expect(k6DurationSeconds('1h2m3.5s')).toBe(3723.5);
    expect(k6DurationSeconds('2d')).toBe(172_800);
    expect(k6DurationSeconds(1500)).toBe(1.5);
    expect(k6DurationSeconds('soon')).toBeUndefined();
  });

  it('an instance of a k6-operator run plans its execution segment', () => {
    expect(segmentFraction({ executionSegment: '1/3:2/3' })).toBeCloseTo(1 / 3);
    expect(segmentFraction({ executionSegment: '50%:100%' })).toBe(0.5);
    expect(segmentFraction({ executionSegment: '0.25' })).toBe(0.25);
    expect(segmentFraction({})).toBe(1);
    const v = capacityVerdict(normaliseSummary(legacyCapacityData([{ starts: plannedStarts(1) / 2 }, { starts: 1 }]), declared()), plan, 'options', 0.5);
    expect(v.steps[0]!.deliveredShare).toBe(1);
    expect(v.plan.segment).toBe(0.5);
  });
});

describe('per-step thresholds', () => {
  it('abort the run in the step that crossed, once its ramp and some of its hold are over', () => {
    const t = stepThresholds(plan);
    expect(t['webrtc_throttled{step:1}']).toEqual([{ threshold: 'rate<0.05', abortOnFail: true, delayAbortEval: `${10 + abortEvidenceSeconds}s` }]);
    expect(t['webrtc_start_failed{step:3}']).toEqual([{ threshold: 'rate<0.01', abortOnFail: true, delayAbortEval: `${2 * 60 + 10 + abortEvidenceSeconds}s` }]);
    expect(t['webrtc_start_duration{step:4,outcome:accepted}']).toEqual([{ threshold: 'p(95)<1000', abortOnFail: true, delayAbortEval: `${3 * 60 + 10 + abortEvidenceSeconds}s` }]);
    // A step count alone keeps the plain thresholds.
    expect(stepThresholds(2)['webrtc_throttled{step:2}']).toEqual(['rate<0.05']);
  });
});
