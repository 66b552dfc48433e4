// The capacity scenario's steps: which step a moment belongs to (a bounded `step` tag, 1..N, from
// the time elapsed since the scenario started), the per-step thresholds, and, after the run, the
// highest step that held. Pure.
import type { Threshold } from 'k6/options';
import { k6Metrics, tagKeys } from '../../harness/contract/metric-names.ts';
import type { SummaryData } from './summary-data.ts';

/** Tag key of the capacity step (1..N), set from the elapsed scenario time. */
export const stepTagKey = tagKeys.step;

/** What one step must hold to count: the run's SLO, measured within the step. */
export const stepLimits = { maxFailedRate: 0.01, maxThrottledRate: 0.05, acceptedP95Ms: 1000 } as const;

/** Step number (1-based) at `elapsedMs` into the scenario; time past the last step stays in it. */
export function stepAt(elapsedMs: number, stepSeconds: number, stepCount: number): number {
  const index = Math.floor(Math.max(0, elapsedMs) / (stepSeconds * 1000));
  return Math.min(stepCount, index + 1);
}

const failedKey = (step: number) => `${k6Metrics.startFailed}{${stepTagKey}:${step}}`;
const throttledKey = (step: number) => `${k6Metrics.throttled}{${stepTagKey}:${step}}`;
const latencyKey = (step: number) => `${k6Metrics.startDuration}{${stepTagKey}:${step},${tagKeys.outcome}:accepted}`;

/** Sub-metric thresholds per step. They do not abort the run (the whole-run ones do); they make
 * k6 keep per-step aggregates, which is what the verdict below reads. */
export function stepThresholds(stepCount: number): Record<string, Threshold[]> {
  const out: Record<string, Threshold[]> = {};
  for (let step = 1; step <= stepCount; step++) {
    out[failedKey(step)] = [`rate<${stepLimits.maxFailedRate}`];
    out[throttledKey(step)] = [`rate<${stepLimits.maxThrottledRate}`];
    out[latencyKey(step)] = [`p(95)<${stepLimits.acceptedP95Ms}`];
  }
  return out;
}

export interface StepVerdict {
  readonly step: number;
  /** Target StartWebRTCContact requests per second. */
  readonly rate: number;
  /** Starts measured within the step. */
  readonly starts: number;
  readonly failedRate: number;
  readonly throttledRate: number;
  readonly held: boolean;
}

export interface CapacityVerdict {
  readonly steps: readonly StepVerdict[];
  /** The highest step such that it and every step below it held; undefined when step 1 did not. */
  readonly highestHeldStep: number | undefined;
  readonly highestHeldRate: number | undefined;
}

export function capacityVerdict(data: SummaryData, stepRates: readonly number[]): CapacityVerdict {
  const steps = stepRates.map((rate, i): StepVerdict => {
    const step = i + 1;
    const failed = data.metrics[failedKey(step)];
    const throttled = data.metrics[throttledKey(step)];
    const latency = data.metrics[latencyKey(step)];
    const starts = (throttled?.values.passes ?? 0) + (throttled?.values.fails ?? 0);
    const allOk = [failed, throttled, latency].every((m) => m !== undefined && Object.values(m.thresholds ?? {}).every((t) => t.ok));
    return { step, rate, starts, failedRate: failed?.values.rate ?? 0, throttledRate: throttled?.values.rate ?? 0, held: starts > 0 && allOk };
  });
  const firstMiss = steps.findIndex((s) => !s.held);
  const held = firstMiss === -1 ? steps.length : firstMiss;
  return { steps, highestHeldStep: held === 0 ? undefined : held, highestHeldRate: held === 0 ? undefined : steps[held - 1]!.rate };
}
