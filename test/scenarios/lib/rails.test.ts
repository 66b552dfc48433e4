// The options in force as setup() reads them (exec.test.options: Go durations, nulls for unset
// fields), and the real-AWS rails checked against them: one line naming the option, the limit and
// how to raise it; the account's default quota unless AWS_QUOTA_RPS / AWS_QUOTA_BURST declare more.
import { describe, expect, it } from 'vitest';
import { peakArrivalRate, peakVus, plannedIterations, scenariosInForce } from '../../../scenarios/lib/in-force.ts';
import { capacityPlan, capacityPlanInForce, capacityScenario } from '../../../scenarios/lib/profiles.ts';
import { railsViolation, type ExecSpec } from '../../../scenarios/lib/rails.ts';
import { parseSettings, type Rails } from '../../../scenarios/lib/settings.ts';
import { phaseAt, spikePlanFrom } from '../../../scenarios/lib/spike-phases.ts';
import { optionsAsObject } from '../shim/k6-options.ts';

const defaultRails: Rails = { startsPerSecond: 2, vus: 5, declared: { startsPerSecond: false, vus: false } };
const one: ExecSpec = { requestsPerIteration: 1, paced: false };

/** What exec.test.options gives for these scenarios (the shim's model of optionsAsObject). */
const inForce = (scenarios: Record<string, unknown>) => scenariosInForce(optionsAsObject({ scenarios }));

describe('scenarios in force', () => {
  it('reads k6 JSON: Go durations, nulls as k6 defaults, maxVUs defaulting to preAllocatedVUs', () => {
    const [s] = scenariosInForce({
      scenarios: { c: { executor: 'ramping-arrival-rate', exec: 'capacity', startRate: 50, timeUnit: null, stages: [{ duration: '10s', target: 50 }, { duration: '1m0s', target: 50 }], preAllocatedVUs: 20, maxVUs: null, startTime: null } },
    });
    expect(s).toMatchObject({ name: 'c', exec: 'capacity', timeUnitS: 1, preAllocatedVUs: 20, maxVUs: 20, stages: [{ durationS: 10, target: 50 }, { durationS: 60, target: 50 }] });
    const [shared] = scenariosInForce({ scenarios: { default: { executor: 'shared-iterations', vus: null, iterations: null, exec: null } } });
    expect(shared).toMatchObject({ exec: 'default', vus: 1, iterations: 1 });
  });

  it('finds the peak arrival rate and VUs, and the iterations an arrival-rate scenario schedules', () => {
    const [s] = inForce({ c: { executor: 'ramping-arrival-rate', startRate: 1, timeUnit: '1m', stages: [{ duration: '10s', target: 60 }, { duration: '20s', target: 120 }], preAllocatedVUs: 3, maxVUs: 8 } });
    expect(peakArrivalRate(s!)).toMatchObject({ iterationsPerSecond: 2, option: 'stages[1].target', perUnit: 120, timeUnitS: 60 });
    expect(peakVus(s!)).toBe(8);
    // (1+60)/2·10 + (60+120)/2·20 per minute.
    expect(plannedIterations(s!)).toBeCloseTo((305 + 1800) / 60);
    const [c] = inForce({ l: { executor: 'constant-arrival-rate', rate: 20, timeUnit: '1s', duration: '5m', preAllocatedVUs: 10 } });
    expect(plannedIterations(c!)).toBe(6000);
  });

  it('derives the capacity steps from the stages in force, and refuses stages of another shape', () => {
    const settings = parseSettings({ STEPS: '50,100,200,400,800', STEP_DURATION: '2m' });
    const plan = capacityPlan(settings);
    const [s] = inForce({ capacity: capacityScenario(settings, plan, 'capacity') });
    expect(capacityPlanInForce(s!)).toEqual({ stepRates: [50, 100, 200, 400, 800], stepSeconds: 130, rampSeconds: 10 });
    const [odd] = inForce({ capacity: { executor: 'ramping-arrival-rate', preAllocatedVUs: 1, stages: [{ duration: '10s', target: 5 }] } });
    expect(capacityPlanInForce(odd!)).toMatch(/not the ramp\/hold stage pairs/);
  });

  it('splits a spike into baseline, burst (rise, hold, fall) and recovery', () => {
    const [s] = inForce({
      spike: { executor: 'ramping-arrival-rate', startRate: 5, preAllocatedVUs: 1, stages: [{ duration: '1m', target: 5 }, { duration: '10s', target: 100 }, { duration: '1m', target: 100 }, { duration: '10s', target: 5 }, { duration: '2m', target: 5 }] },
    });
    const plan = spikePlanFrom(s!);
    expect(plan).toEqual({ burstStartS: 60, burstEndS: 140 });
    expect([0, 59_999, 60_000, 139_999, 140_000].map((ms) => phaseAt(ms, plan))).toEqual(['baseline', 'baseline', 'burst', 'burst', 'recovery']);
    // JSON-safe when nothing rises above the start rate.
    const [flat] = inForce({ spike: { executor: 'ramping-arrival-rate', startRate: 5, preAllocatedVUs: 1, stages: [{ duration: '1m', target: 5 }] } });
    expect(JSON.parse(JSON.stringify(spikePlanFrom(flat!)))).toMatchObject({ burstStartS: expect.any(Number) });
  });
});

describe('railsViolation', () => {
  it('passes what keeps to 2 requests/s and 5 VUs', () => {
    const s = inForce({ load: { executor: 'constant-arrival-rate', exec: 'load', rate: 2, timeUnit: '1s', duration: '1m', preAllocatedVUs: 5, maxVUs: 5 } });
    expect(railsViolation(s, defaultRails, { load: one })).toBeUndefined();
  });

  it('names the peak stage of a capacity run at 800/s, the limit and AWS_QUOTA_RPS, in one line', () => {
    const settings = parseSettings({ STEPS: '50,100,200,400,800', STEP_DURATION: '2m' });
    const s = inForce({ capacity: capacityScenario(settings, capacityPlan(settings), 'capacity') });
    const line = railsViolation(s, defaultRails, { capacity: one })!;
    expect(line).toMatch(/^real-AWS run refused before any request: options\.scenarios\.capacity\.stages\[8\]\.target asks for 800 StartWebRTCContact requests\/s/);
    expect(line).toMatch(/above the account's 2\/s .*AWS_QUOTA_RPS.*L-5CFC10A5/);
    expect(line).not.toContain('\n');
  });

  it('counts requests per iteration, and fractional rates per minute', () => {
    // 60 iterations per minute × 4 requests = 4/s.
    const s = inForce({ r: { executor: 'constant-arrival-rate', exec: 'replays', rate: 60, timeUnit: '1m', duration: '1m', preAllocatedVUs: 1 } });
    expect(railsViolation(s, defaultRails, { replays: { requestsPerIteration: 4, paced: false } })).toMatch(/asks for 4 StartWebRTCContact requests\/s \(60 iterations per 60s × 4 requests per iteration\)/);
    const ok = inForce({ r: { executor: 'constant-arrival-rate', exec: 'replays', rate: 30, timeUnit: '1m', duration: '1m', preAllocatedVUs: 1 } });
    expect(railsViolation(ok, defaultRails, { replays: { requestsPerIteration: 4, paced: false } })).toBeUndefined();
  });

  it('refuses more VUs than the burst, naming AWS_QUOTA_BURST', () => {
    const s = inForce({ load: { executor: 'constant-arrival-rate', exec: 'load', rate: 1, timeUnit: '1s', duration: '1m', preAllocatedVUs: 10, maxVUs: 100 } });
    expect(railsViolation(s, defaultRails, { load: one })).toMatch(/options\.scenarios\.load\.maxVUs allows 100 VUs, above the account's burst of 5 .*AWS_QUOTA_BURST/);
  });

  it('raises the limits only as declared, and says so', () => {
    const declared: Rails = { startsPerSecond: 10, vus: 8, declared: { startsPerSecond: true, vus: true } };
    const at = (rate: number, vus: number) => inForce({ load: { executor: 'constant-arrival-rate', exec: 'load', rate, timeUnit: '1s', duration: '1m', preAllocatedVUs: vus } });
    expect(railsViolation(at(10, 8), declared, { load: one })).toBeUndefined();
    expect(railsViolation(at(11, 8), declared, { load: one })).toMatch(/above the 10\/s declared with AWS_QUOTA_RPS/);
    expect(railsViolation(at(10, 9), declared, { load: one })).toMatch(/above the 8 declared with AWS_QUOTA_BURST/);
  });

  it('allows a closed-model executor only for a paced function, and no function it does not know', () => {
    const smoke = inForce({ smoke: { executor: 'shared-iterations', exec: 'smoke', vus: 3, iterations: 5 } });
    expect(railsViolation(smoke, defaultRails, { smoke: { requestsPerIteration: 1, paced: true } })).toBeUndefined();
    const constant = inForce({ default: { executor: 'constant-vus', exec: 'load', vus: 1, duration: '10s' } });
    expect(railsViolation(constant, defaultRails, { load: one })).toMatch(/constant-vus executor, which sets no request rate/);
    const replaced = inForce({ default: { executor: 'shared-iterations', vus: 2, iterations: 2 } });
    expect(railsViolation(replaced, defaultRails, { load: one })).toMatch(/runs "default", not one of this script's load functions/);
  });
});
