// The capacity step arithmetic and the verdict read from handleSummary data.
import { describe, expect, it } from 'vitest';
import { capacityVerdict, stepAt, stepThresholds } from '../../../scenarios/lib/capacity-steps.ts';
import { capacityPlan, capacityScenario } from '../../../scenarios/lib/profiles.ts';
import { parseSettings } from '../../../scenarios/lib/settings.ts';
import type { LegacyMetric, LegacySummaryData } from '../../../scenarios/lib/summary-data.ts';
import { normaliseSummary } from '../../../scenarios/lib/summary-normal.ts';

describe('stepAt', () => {
  it('counts steps from 1 and stays within 1..N', () => {
    expect(stepAt(0, 60, 3)).toBe(1);
    expect(stepAt(59_999, 60, 3)).toBe(1);
    expect(stepAt(60_000, 60, 3)).toBe(2);
    expect(stepAt(10 * 60_000, 60, 3)).toBe(3);
    expect(stepAt(-5, 60, 3)).toBe(1);
  });
});

/** Legacy summary data as k6 builds it from stepThresholds: per step, three sub-metrics and their verdicts. */
function data(steps: { starts: number; held: boolean }[]): LegacySummaryData {
  const metrics: Record<string, LegacyMetric> = {};
  steps.forEach(({ starts, held }, i) => {
    const step = i + 1;
    const rate = (ok: boolean): LegacyMetric => ({ type: 'rate', contains: 'default', values: { rate: ok ? 0 : 1, passes: ok ? 0 : starts, fails: ok ? starts : 0 }, thresholds: { 'rate<x': { ok } } });
    metrics[`webrtc_start_failed{step:${step}}`] = rate(true);
    metrics[`webrtc_throttled{step:${step}}`] = rate(held);
    metrics[`webrtc_start_duration{step:${step},outcome:accepted}`] = { type: 'trend', contains: 'time', values: {}, thresholds: { 'p(95)<x': { ok: true } } };
  });
  return { metrics };
}

const verdict = (d: LegacySummaryData, stepRates: number[]) => capacityVerdict(normaliseSummary(d), { stepRates, stepSeconds: 60, rampSeconds: 10 }, 'init');

describe('capacityVerdict', () => {
  it('reads the sub-metrics stepThresholds asks k6 to keep', () => {
    expect(Object.keys(stepThresholds(1)).sort()).toEqual(Object.keys(data([{ starts: 1, held: true }]).metrics).sort());
  });

  it('names the highest step such that it and all below it held', () => {
    const v = verdict(data([{ starts: 10, held: true }, { starts: 10, held: true }, { starts: 10, held: false }, { starts: 10, held: true }]), [5, 10, 20, 40]);
    expect(v).toMatchObject({ highestHeldStep: 2, highestHeldRate: 10, verdict: 'knee-found', firstFailedStep: 3 });
  });

  it('a step without starts did not hold (the run was aborted before it)', () => {
    expect(verdict(data([{ starts: 10, held: true }, { starts: 0, held: true }]), [5, 10]).highestHeldStep).toBe(1);
  });

  it('none held when the first step did not', () => {
    expect(verdict(data([{ starts: 10, held: false }]), [5])).toMatchObject({ highestHeldStep: undefined, highestHeldRate: undefined, verdict: 'below-first-step' });
  });
});

describe('capacityPlan', () => {
  it('caps the default steps against real AWS and merges the equal ones; explicit STEPS stay as asked (setup refuses them)', () => {
    const aws = { REAL_AWS: '1', INSTANCE_ID: 'i', CONTACT_FLOW_ID: 'f', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 's' };
    const s = parseSettings(aws);
    const plan = capacityPlan(s);
    expect(plan.stepRates).toEqual([2]);
    expect(capacityScenario(s, plan, 'capacity')).toMatchObject({ executor: 'ramping-arrival-rate', startRate: 2, maxVUs: 5 });
    expect(capacityPlan(parseSettings({ ...aws, STEPS: '1,2,4,8' })).stepRates).toEqual([1, 2, 4, 8]);
  });

  it('each step ramps then holds', () => {
    const s = parseSettings({ STEPS: '10,20', STEP_DURATION: '30s' });
    const plan = capacityPlan(s);
    expect(plan.stepSeconds).toBe(40);
    expect(capacityScenario(s, plan, 'capacity').stages).toEqual([
      { target: 10, duration: '10s' },
      { target: 10, duration: '30s' },
      { target: 20, duration: '10s' },
      { target: 20, duration: '30s' },
    ]);
  });
});
