// Load profiles after overrides and caps: what k6 is asked to run.
import { describe, expect, it } from 'vitest';
import { arrival, idempotencyPlan, loadScenario, negativeMixScenario, smokeScenario, spikeScenario } from '../../../scenarios/lib/profiles.ts';
import { parseSettings } from '../../../scenarios/lib/settings.ts';

const realAws = parseSettings({ REAL_AWS: '1', INSTANCE_ID: 'i', CONTACT_FLOW_ID: 'f', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 's' });

describe('profiles', () => {
  it('expresses fractional rates per minute, rounded down', () => {
    expect(arrival(20)).toEqual({ rate: 20, timeUnit: '1s' });
    expect(arrival(0.5)).toEqual({ rate: 30, timeUnit: '1m' });
    expect(arrival(0.999)).toEqual({ rate: 59, timeUnit: '1m' });
  });

  it('applies RATE, DURATION and VUS', () => {
    expect(loadScenario(parseSettings({ RATE: '35', DURATION: '90s', VUS: '7' }), 'load')).toEqual({
      executor: 'constant-arrival-rate',
      exec: 'load',
      rate: 35,
      timeUnit: '1s',
      duration: '90s',
      preAllocatedVUs: 7,
      maxVUs: 7,
    });
  });

  it('keeps every request rate within 2/s against real AWS, counting requests per iteration', () => {
    expect(loadScenario(realAws, 'load')).toMatchObject({ rate: 2, maxVUs: 5 });
    expect(spikeScenario(realAws, 'spike').stages.every((s) => s.target <= 2)).toBe(true);
    const plan = idempotencyPlan(realAws, 'r', 'd');
    // 1 start + 3 replays per iteration: 0.5 iterations/s; 3 duplicates: 2/3 per second.
    expect(plan.replayScenario).toMatchObject({ rate: 30, timeUnit: '1m' });
    expect(plan.duplicates).toBe(3);
    expect(plan.duplicateScenario).toMatchObject({ rate: 40, timeUnit: '1m', startTime: '1m' });
    expect(smokeScenario(realAws, 's').vus).toBe(1);
    expect(negativeMixScenario(realAws, 'n', 50).vus).toBe(1);
  });

  it('negative-mix sends the whole corpus once', () => {
    expect(negativeMixScenario(parseSettings({}), 'n', 3)).toMatchObject({ executor: 'shared-iterations', iterations: 3, vus: 3 });
  });

  it('against real AWS keeps an explicit RATE, STEPS or VUS as asked, for setup() to refuse, and caps only the defaults', () => {
    const aws = { REAL_AWS: '1', INSTANCE_ID: 'i', CONTACT_FLOW_ID: 'f', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 's' };
    expect(loadScenario(parseSettings({ ...aws, RATE: '20', VUS: '50' }), 'load')).toMatchObject({ rate: 20, maxVUs: 50 });
    expect(spikeScenario(parseSettings({ ...aws, RATE: '100' }), 'spike').stages.map((s) => s.target)).toContain(100);
    const replays = idempotencyPlan(parseSettings({ ...aws, RATE: '1' }), 'r', 'd').replayScenario;
    expect(replays).toMatchObject({ rate: 1, timeUnit: '1s' });
    // Within the quota, MAX_RATE still lowers an explicit rate.
    expect(loadScenario(parseSettings({ ...aws, RATE: '2', MAX_RATE: '1' }), 'load')).toMatchObject({ rate: 1 });
    // The declared quota raises the defaults' cap.
    expect(loadScenario(parseSettings({ ...aws, AWS_QUOTA_RPS: '10', AWS_QUOTA_BURST: '8' }), 'load')).toMatchObject({ rate: 10, maxVUs: 8 });
  });

  it('refuses a shared-iterations scenario with more VUs than iterations, naming the variables', () => {
    expect(() => smokeScenario(parseSettings({ VUS: '6' }), 's')).toThrow(/VUS 6 is more than the 5 iterations \(the default; set ITERATIONS\)/);
    expect(() => negativeMixScenario(parseSettings({ VUS: '6' }), 'n', 4)).toThrow(/VUS 6 is more than the 4 iterations/);
    expect(negativeMixScenario(parseSettings({ ITERATIONS: '2' }), 'n', 10)).toMatchObject({ vus: 2, iterations: 2 });
    expect(smokeScenario(parseSettings({ VUS: '2', DURATION: '90s' }), 's')).toMatchObject({ vus: 2, iterations: 5, maxDuration: '90s' });
  });
});
