// Named load profiles, and the k6 scenario each becomes once the run's overrides (RATE, DURATION,
// VUS, ITERATIONS, STEPS, STEP_DURATION) and its rate cap (MAX_RATE; the account's quota against
// real AWS) apply. Rates are StartWebRTCContact requests per second unless said otherwise. These are
// the options a plain `k6 run` starts with; an archive keeps the ones it was built with, which is
// why setup() checks the options in force again (rails.ts).
import type { ConstantArrivalRateScenario, RampingArrivalRateScenario, SharedIterationsScenario } from 'k6/options';
import type { ScenarioInForce } from './in-force.ts';
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

/** Against real AWS: concurrent duplicates stay well within the quota's burst. */
const REAL_AWS_MAX_DUPLICATES = 3;

/** A rate after the cap; `requestsPerIteration` converts an iteration rate into requests. */
export function cappedRate(settings: Settings, ratePerSecond: number, requestsPerIteration = 1): number {
  return settings.maxRate === undefined ? ratePerSecond : Math.min(ratePerSecond, settings.maxRate / requestsPerIteration);
}

/**
 * The rate a scenario asks for, brought under the cap (MAX_RATE; against real AWS also the
 * account's quota). One exception: against real AWS an explicit value (RATE, STEPS) above the quota
 * is kept as asked, so that setup() refuses it with one line naming the option and the quota
 * (rails.ts) rather than the run quietly doing something else than what was asked for.
 */
function askedRate(settings: Settings, explicit: number | undefined, fallback: number, requestsPerIteration = 1): number {
  if (explicit !== undefined && settings.rails !== undefined && explicit * requestsPerIteration > settings.rails.startsPerSecond) return explicit;
  return cappedRate(settings, explicit ?? fallback, requestsPerIteration);
}

/** k6 wants a whole number per time unit: a fractional rate is expressed per minute (rounded down). */
export function arrival(ratePerSecond: number): { rate: number; timeUnit: string } {
  return Number.isInteger(ratePerSecond) ? { rate: ratePerSecond, timeUnit: '1s' } : { rate: Math.max(1, Math.floor(ratePerSecond * 60)), timeUnit: '1m' };
}

/** The VU budget of an arrival-rate scenario: VUS, else the profile's, within the quota's burst against real AWS. */
function vuBudget(settings: Settings, preAllocated: number, max: number): { preAllocatedVUs: number; maxVUs: number } {
  const maxVUs = settings.vus ?? Math.min(max, settings.rails?.vus ?? Number.POSITIVE_INFINITY);
  return { preAllocatedVUs: Math.min(preAllocated, maxVUs), maxVUs };
}

/** A shared-iterations scenario k6 accepts: no more VUs than iterations, named as set. */
function sharedIterations(settings: Settings, exec: string, defaults: { vus: number; iterations: number; maxDuration: string }): SharedIterationsScenario {
  const iterations = settings.iterations ?? defaults.iterations;
  const vus = settings.vus ?? Math.min(defaults.vus, iterations);
  if (vus > iterations) {
    throw new Error(`VUS ${vus} is more than the ${iterations} iterations (${settings.iterations === undefined ? 'the default; set ITERATIONS' : 'ITERATIONS'}): k6 refuses more VUs than iterations in a shared-iterations scenario`);
  }
  return { executor: 'shared-iterations', exec, vus, iterations, maxDuration: settings.duration ?? defaults.maxDuration };
}

export function smokeScenario(settings: Settings, exec: string): SharedIterationsScenario {
  const p = profiles.smoke;
  return sharedIterations(settings, exec, { vus: p.vus, iterations: p.iterations, maxDuration: p.maxDuration });
}

function steady(settings: Settings, exec: string, p: { rate: number; duration: string; preAllocatedVUs: number; maxVUs: number }): ConstantArrivalRateScenario {
  return {
    executor: 'constant-arrival-rate',
    exec,
    ...arrival(askedRate(settings, settings.rate, p.rate)),
    duration: settings.duration ?? p.duration,
    ...vuBudget(settings, p.preAllocatedVUs, p.maxVUs),
  };
}

export const loadScenario = (settings: Settings, exec: string) => steady(settings, exec, profiles.load);
export const soakScenario = (settings: Settings, exec: string) => steady(settings, exec, profiles.soak);

export function spikeScenario(settings: Settings, exec: string): RampingArrivalRateScenario {
  const p = profiles.spike;
  const peak = Math.floor(askedRate(settings, settings.rate, p.peakRate)) || 1;
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
  const capped = settings.steps !== undefined ? settings.steps.map((r) => Math.floor(askedRate(settings, r, r)) || 1) : p.stepRates.map((r) => Math.floor(cappedRate(settings, r)) || 1);
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
  const duplicates = settings.rails !== undefined ? Math.min(p.duplicates, REAL_AWS_MAX_DUPLICATES, settings.rails.vus) : p.duplicates;
  const duration = settings.duration ?? p.duration;
  const vus = vuBudget(settings, p.preAllocatedVUs, p.maxVUs);
  return {
    replays: p.replays,
    duplicates,
    replayScenario: { executor: 'constant-arrival-rate', exec: replayExec, ...arrival(askedRate(settings, settings.rate, p.rate, 1 + p.replays)), duration, ...vus },
    // After the replays, not beside them: the two would share one rate cap otherwise.
    duplicateScenario: {
      executor: 'constant-arrival-rate',
      exec: duplicateExec,
      ...arrival(askedRate(settings, settings.rate, p.rate, duplicates)),
      duration,
      startTime: duration,
      ...vus,
    },
  };
}

export function negativeMixScenario(settings: Settings, exec: string, corpusSize: number): SharedIterationsScenario {
  const p = profiles.negativeMix;
  // One VU against real AWS unless VUS says otherwise: the requests are paced to the cap anyway.
  return sharedIterations(settings, exec, { vus: settings.realAws ? 1 : p.vus, iterations: corpusSize, maxDuration: p.maxDuration });
}

/**
 * The capacity plan the options in force describe: their stages are the ramp/hold pairs
 * capacityScenario builds (for an archive, built when it was made). A string says why they are
 * not, and the step tags could not be derived.
 */
export function capacityPlanInForce(s: ScenarioInForce): CapacityPlan | string {
  const st = s.stages ?? [];
  const pairs = st.length / 2;
  if (s.executor !== 'ramping-arrival-rate' || st.length === 0 || !Number.isInteger(pairs)) {
    return `options.scenarios.${s.name} is not the ramp/hold stage pairs capacity.ts builds (${s.executor}, ${st.length} stages)`;
  }
  const rampSeconds = st[0]!.durationS;
  const holdSeconds = st[1]!.durationS;
  const stepRates: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const ramp = st[2 * i]!;
    const hold = st[2 * i + 1]!;
    if (ramp.durationS !== rampSeconds || hold.durationS !== holdSeconds || ramp.target !== hold.target) {
      return `options.scenarios.${s.name}.stages[${2 * i}..${2 * i + 1}] is not a ramp and a hold of the same length and rate as the first step`;
    }
    stepRates.push(hold.target / (s.timeUnitS ?? 1));
  }
  return { stepRates, stepSeconds: rampSeconds + holdSeconds, rampSeconds };
}
