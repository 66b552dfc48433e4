// Named load profiles, and the k6 scenario each becomes once the run's overrides (RATE, DURATION,
// VUS, ITERATIONS, STEPS, STEP_DURATION) and its rate cap (MAX_RATE; 2/s against real AWS) apply.
// Rates are StartWebRTCContact requests per second unless said otherwise.
import type { ConstantArrivalRateScenario, RampingArrivalRateScenario, SharedIterationsScenario } from 'k6/options';
import type { Settings } from './settings.ts';

export const profiles = {
  /** A handful of sequential starts: does the whole chain (signing, target, checks) work? */
  smoke: { iterations: 5, vus: 1, maxDuration: '2m' },
  /** Steady open-model load: a slow target shows as latency and dropped iterations, not as a lower rate. */
  load: { rate: 20, duration: '5m', preAllocatedVUs: 10, maxVUs: 100 },
  /** Long, moderate load: leaks, store growth, token-store eviction. */
  soak: { rate: 10, duration: '2h', preAllocatedVUs: 10, maxVUs: 100 },
  /** Baseline, a sudden twenty-fold burst, and whether the target recovers. */
  spike: { peakRate: 100, baselineDivisor: 20, baseline: '1m', rise: '10s', hold: '1m', fall: '10s', recovery: '2m', preAllocatedVUs: 20, maxVUs: 300 },
  /** Rising steps until the error or throttle rate breaks the SLO: the highest step that held is the capacity. */
  capacity: { stepRates: [10, 20, 40, 80, 160, 320], rampSeconds: 10, holdSeconds: 50, preAllocatedVUs: 20, maxVUs: 600 },
  /** Iterations per second (each makes 1 + replays, or `duplicates`, requests). */
  idempotency: { rate: 2, duration: '1m', replays: 3, duplicates: 5, preAllocatedVUs: 4, maxVUs: 40 },
  /** The whole corpus once, shared by a few VUs. */
  negativeMix: { vus: 4, maxDuration: '10m' },
} as const;

/** Against real AWS: concurrent requests stay within the documented burst of 5. */
const REAL_AWS_MAX_VUS = 5;
const REAL_AWS_MAX_DUPLICATES = 3;

/** A rate after the cap; `requestsPerIteration` converts an iteration rate into requests. */
export function cappedRate(settings: Settings, ratePerSecond: number, requestsPerIteration = 1): number {
  return settings.maxRate === undefined ? ratePerSecond : Math.min(ratePerSecond, settings.maxRate / requestsPerIteration);
}

/** k6 wants a whole number per time unit: a fractional rate is expressed per minute (rounded down). */
export function arrival(ratePerSecond: number): { rate: number; timeUnit: string } {
  return Number.isInteger(ratePerSecond) ? { rate: ratePerSecond, timeUnit: '1s' } : { rate: Math.max(1, Math.floor(ratePerSecond * 60)), timeUnit: '1m' };
}

function vuBudget(settings: Settings, preAllocated: number, max: number): { preAllocatedVUs: number; maxVUs: number } {
  const maxVUs = Math.min(settings.vus ?? max, settings.realAws ? REAL_AWS_MAX_VUS : Number.POSITIVE_INFINITY);
  return { preAllocatedVUs: Math.min(preAllocated, maxVUs), maxVUs };
}

export function smokeScenario(settings: Settings, exec: string): SharedIterationsScenario {
  const p = profiles.smoke;
  return { executor: 'shared-iterations', exec, vus: settings.realAws ? 1 : (settings.vus ?? p.vus), iterations: settings.iterations ?? p.iterations, maxDuration: p.maxDuration };
}

function steady(settings: Settings, exec: string, p: { rate: number; duration: string; preAllocatedVUs: number; maxVUs: number }): ConstantArrivalRateScenario {
  return {
    executor: 'constant-arrival-rate',
    exec,
    ...arrival(cappedRate(settings, settings.rate ?? p.rate)),
    duration: settings.duration ?? p.duration,
    ...vuBudget(settings, p.preAllocatedVUs, p.maxVUs),
  };
}

export const loadScenario = (settings: Settings, exec: string) => steady(settings, exec, profiles.load);
export const soakScenario = (settings: Settings, exec: string) => steady(settings, exec, profiles.soak);

export function spikeScenario(settings: Settings, exec: string): RampingArrivalRateScenario {
  const p = profiles.spike;
  const peak = Math.floor(cappedRate(settings, settings.rate ?? p.peakRate)) || 1;
  const base = Math.max(1, Math.round(peak / p.baselineDivisor));
  return {
    executor: 'ramping-arrival-rate',
    exec,
    startRate: base,
    timeUnit: '1s',
    stages: [
      { target: base, duration: p.baseline },
      { target: peak, duration: p.rise },
      { target: peak, duration: p.hold },
      { target: base, duration: p.fall },
      { target: base, duration: p.recovery },
    ],
    ...vuBudget(settings, p.preAllocatedVUs, p.maxVUs),
  };
}

export interface CapacityPlan {
  /** The rate of each step after the cap (equal neighbours merged). */
  readonly stepRates: readonly number[];
  /** Ramp plus hold: the step tag is derived from elapsed time with it. */
  readonly stepSeconds: number;
  readonly rampSeconds: number;
}

export function capacityPlan(settings: Settings): CapacityPlan {
  const p = profiles.capacity;
  const capped = (settings.steps ?? p.stepRates).map((r) => Math.floor(cappedRate(settings, r)) || 1);
  const stepRates = capped.filter((r, i) => i === 0 || r !== capped[i - 1]);
  const holdSeconds = settings.stepSeconds ?? p.holdSeconds;
  return { stepRates, stepSeconds: p.rampSeconds + holdSeconds, rampSeconds: p.rampSeconds };
}

export function capacityScenario(settings: Settings, plan: CapacityPlan, exec: string): RampingArrivalRateScenario {
  const p = profiles.capacity;
  const hold = `${plan.stepSeconds - plan.rampSeconds}s`;
  return {
    executor: 'ramping-arrival-rate',
    exec,
    startRate: plan.stepRates[0]!,
    timeUnit: '1s',
    stages: plan.stepRates.flatMap((target) => [
      { target, duration: `${plan.rampSeconds}s` },
      { target, duration: hold },
    ]),
    ...vuBudget(settings, p.preAllocatedVUs, p.maxVUs),
  };
}

export interface IdempotencyPlan {
  readonly replays: number;
  readonly duplicates: number;
  readonly replayScenario: ConstantArrivalRateScenario;
  readonly duplicateScenario: ConstantArrivalRateScenario;
}

export function idempotencyPlan(settings: Settings, replayExec: string, duplicateExec: string): IdempotencyPlan {
  const p = profiles.idempotency;
  const duplicates = settings.realAws ? Math.min(p.duplicates, REAL_AWS_MAX_DUPLICATES) : p.duplicates;
  const duration = settings.duration ?? p.duration;
  const vus = vuBudget(settings, p.preAllocatedVUs, p.maxVUs);
  const rate = settings.rate ?? p.rate;
  return {
    replays: p.replays,
    duplicates,
    replayScenario: { executor: 'constant-arrival-rate', exec: replayExec, ...arrival(cappedRate(settings, rate, 1 + p.replays)), duration, ...vus },
    // After the replays, not beside them: the two would share one rate cap otherwise.
    duplicateScenario: {
      executor: 'constant-arrival-rate',
      exec: duplicateExec,
      ...arrival(cappedRate(settings, rate, duplicates)),
      duration,
      startTime: duration,
      ...vus,
    },
  };
}

export function negativeMixScenario(settings: Settings, exec: string, corpusSize: number): SharedIterationsScenario {
  const p = profiles.negativeMix;
  return {
    executor: 'shared-iterations',
    exec,
    vus: settings.realAws ? 1 : Math.min(settings.vus ?? p.vus, corpusSize),
    iterations: settings.iterations ?? corpusSize,
    maxDuration: settings.duration ?? p.maxDuration,
  };
}
