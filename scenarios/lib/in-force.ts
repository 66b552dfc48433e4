// The options a run actually has, read from what `exec.test.options` returns (k6/execution) in
// setup(): the consolidated and derived options (archived options, K6_* environment and command-line
// flags layered, shortcuts turned into scenarios), serialised by k6 as JSON, so durations are Go
// strings ("1m0s") and a field nobody set is null (k6: internal/js/modules/k6/execution/execution.go
// optionsAsObject; lib/types/types.go NullDuration.MarshalJSON). Pure: tests pass plain objects.
//
// Under `k6 run archive.tar` these are the options computed when the archive was built, not the
// ones this file's init code computes again from the run-time environment (k6:
// internal/js/bundle.go NewBundleFromArchive, updateOptions=false). Everything that must agree with
// the traffic (the real-AWS rails, capacity step tags, pacing) is therefore read from here.
import { parseK6Duration } from './settings.ts';

export interface StageInForce {
  readonly durationS: number;
  readonly target: number;
}

/** One scenario in force, with k6's defaults filled in where the JSON says null. */
export interface ScenarioInForce {
  readonly name: string;
  readonly executor: string;
  /** The exported function it runs (`default` when exec is unset). */
  readonly exec: string;
  readonly startTimeS: number;
  /** shared-iterations, per-vu-iterations, constant-vus: VUs (k6 default 1). */
  readonly vus?: number;
  /** shared-iterations, per-vu-iterations: iterations (k6 default 1). */
  readonly iterations?: number;
  /** ramping-vus: VUs at the start (k6 default 1). */
  readonly startVUs?: number;
  /** constant-arrival-rate: iterations per timeUnit. */
  readonly rate?: number;
  /** ramping-arrival-rate: iterations per timeUnit at the start (k6 default 0). */
  readonly startRate?: number;
  /** Arrival-rate executors: seconds (k6 default 1s). */
  readonly timeUnitS?: number;
  /** constant-vus, constant-arrival-rate: seconds. */
  readonly durationS?: number;
  /** ramping-vus, ramping-arrival-rate. */
  readonly stages?: readonly StageInForce[];
  /** Arrival-rate executors. maxVUs unset is preAllocatedVUs (k6: lib/executor/*_arrival_rate.go Validate). */
  readonly preAllocatedVUs?: number;
  readonly maxVUs?: number;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function num(v: unknown, fallback: number): number;
function num(v: unknown, fallback?: number): number | undefined;
function num(v: unknown, fallback?: number): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** A duration as k6 serialises it (a Go string) or as a script may still hold it (a number is ms). */
function seconds(v: unknown, fallback: number): number;
function seconds(v: unknown, fallback?: number): number | undefined;
function seconds(v: unknown, fallback?: number): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v / 1000;
  if (typeof v === 'string') return parseK6Duration(v) ?? fallback;
  return fallback;
}

function stages(v: unknown): StageInForce[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObject).map((s) => ({ durationS: seconds(s.duration, 0), target: num(s.target, 0) }));
}

function scenarioInForce(name: string, raw: Json): ScenarioInForce {
  const executor = typeof raw.executor === 'string' ? raw.executor : '';
  const base = { name, executor, exec: typeof raw.exec === 'string' && raw.exec !== '' ? raw.exec : 'default', startTimeS: seconds(raw.startTime, 0) };
  switch (executor) {
    case 'shared-iterations':
    case 'per-vu-iterations':
      return { ...base, vus: num(raw.vus, 1), iterations: num(raw.iterations, 1) };
    case 'constant-vus':
      return { ...base, vus: num(raw.vus, 1), durationS: seconds(raw.duration) };
    case 'ramping-vus':
      return { ...base, startVUs: num(raw.startVUs, 1), stages: stages(raw.stages) };
    case 'constant-arrival-rate': {
      const preAllocatedVUs = num(raw.preAllocatedVUs, 0);
      return { ...base, rate: num(raw.rate, 0), timeUnitS: seconds(raw.timeUnit, 1), durationS: seconds(raw.duration), preAllocatedVUs, maxVUs: num(raw.maxVUs, preAllocatedVUs) };
    }
    case 'ramping-arrival-rate': {
      const preAllocatedVUs = num(raw.preAllocatedVUs, 0);
      return { ...base, startRate: num(raw.startRate, 0), timeUnitS: seconds(raw.timeUnit, 1), stages: stages(raw.stages), preAllocatedVUs, maxVUs: num(raw.maxVUs, preAllocatedVUs) };
    }
    default:
      // externally-controlled and anything newer: only the VU ceiling is read.
      return { ...base, vus: num(raw.maxVUs, num(raw.vus, 1)) };
  }
}

/** Every scenario in `exec.test.options` (derived: shortcuts are already scenarios there). */
export function scenariosInForce(options: unknown): ScenarioInForce[] {
  const scenarios = isObject(options) && isObject(options.scenarios) ? options.scenarios : {};
  return Object.entries(scenarios)
    .filter((entry): entry is [string, Json] => isObject(entry[1]))
    .map(([name, raw]) => scenarioInForce(name, raw));
}

/** The most VUs a scenario may run at once. */
export function peakVus(s: ScenarioInForce): number {
  if (s.maxVUs !== undefined || s.preAllocatedVUs !== undefined) return Math.max(s.preAllocatedVUs ?? 0, s.maxVUs ?? 0);
  if (s.stages !== undefined) return Math.max(s.startVUs ?? 0, ...s.stages.map((st) => st.target));
  return s.vus ?? 1;
}

/** Where an arrival-rate scenario peaks: iterations per second, and the option that says so. */
export interface PeakRate {
  readonly iterationsPerSecond: number;
  /** `rate`, `startRate` or `stages[i].target`. */
  readonly option: string;
  /** The raw value and its time unit, for messages: "800 per 1s". */
  readonly perUnit: number;
  readonly timeUnitS: number;
}

export function peakArrivalRate(s: ScenarioInForce): PeakRate | undefined {
  const timeUnitS = s.timeUnitS ?? 1;
  const candidates: { option: string; perUnit: number }[] = [];
  if (s.rate !== undefined) candidates.push({ option: 'rate', perUnit: s.rate });
  if (s.startRate !== undefined) candidates.push({ option: 'startRate', perUnit: s.startRate });
  if (s.executor === 'ramping-arrival-rate') (s.stages ?? []).forEach((st, i) => candidates.push({ option: `stages[${i}].target`, perUnit: st.target }));
  if (candidates.length === 0 || timeUnitS <= 0) return undefined;
  const top = candidates.reduce((a, b) => (b.perUnit > a.perUnit ? b : a));
  return { iterationsPerSecond: top.perUnit / timeUnitS, option: top.option, perUnit: top.perUnit, timeUnitS };
}

export const isArrivalRate = (s: ScenarioInForce) => s.executor === 'constant-arrival-rate' || s.executor === 'ramping-arrival-rate';

/**
 * Iterations an arrival-rate scenario schedules over its whole run (a ramping stage goes linearly
 * from the previous target to its own, as k6's ramping-arrival-rate does). 0 for other executors.
 */
export function plannedIterations(s: ScenarioInForce): number {
  const unit = s.timeUnitS ?? 1;
  if (s.executor === 'constant-arrival-rate') return ((s.rate ?? 0) * (s.durationS ?? 0)) / unit;
  if (s.executor !== 'ramping-arrival-rate') return 0;
  let from = s.startRate ?? 0;
  let total = 0;
  for (const st of s.stages ?? []) {
    total += ((from + st.target) / 2) * st.durationS;
    from = st.target;
  }
  return total / unit;
}
