// The spike scenario's phases: `baseline` before the burst, `burst` while the arrival rate is above
// the baseline (the rise, the hold and the fall back), `recovery` after it. A bounded `phase` tag
// (three values) from the time elapsed in the scenario, with the boundaries read from the stages in
// force, so that they match the traffic whatever built the options. Pure.
import type { Threshold } from 'k6/options';
import { k6Metrics, tagKeys } from '../../harness/contract/metric-names.ts';
import type { ScenarioInForce } from './in-force.ts';

/** Tag key of the spike phase. */
export const phaseTagKey = tagKeys.phase;
export type SpikePhase = 'baseline' | 'burst' | 'recovery';

/** Seconds into the scenario where the burst starts and where it has fallen back to the baseline. */
export interface SpikePlan {
  readonly burstStartS: number;
  readonly burstEndS: number;
}

/**
 * From ramping-arrival-rate stages: the burst runs from the start of the first stage whose target
 * is above the start rate to the end of the stage after the last such stage (the ramp back down;
 * a stage ramps from the previous target to its own). No stage above the start rate: no burst.
 */
export function spikePlanFrom(s: ScenarioInForce): SpikePlan {
  const base = s.startRate ?? 0;
  const st = s.stages ?? [];
  const ends = st.reduce<number[]>((acc, x) => [...acc, (acc.at(-1) ?? 0) + x.durationS], []);
  const first = st.findIndex((x) => x.target > base);
  // JSON (setup data) has no Infinity: "never" is a very large number of seconds.
  if (first < 0) return { burstStartS: Number.MAX_SAFE_INTEGER, burstEndS: Number.MAX_SAFE_INTEGER };
  let last = first;
  st.forEach((x, i) => {
    if (x.target > base) last = i;
  });
  const endIndex = Math.min(last + 1, st.length - 1);
  return { burstStartS: first === 0 ? 0 : ends[first - 1]!, burstEndS: ends[endIndex]! };
}

export function phaseAt(elapsedMs: number, plan: SpikePlan): SpikePhase {
  const s = Math.max(0, elapsedMs) / 1000;
  if (s < plan.burstStartS) return 'baseline';
  return s < plan.burstEndS ? 'burst' : 'recovery';
}

/** What the spike holds a target to, per phase. */
export const spikeLimits = {
  /** Before and after the burst the rate is one the target claims to serve: throttling is a fault. */
  maxSteadyThrottledRate: 0.01,
  /**
   * During the burst throttling is the expected answer of a quota-bound service, but bounded: a
   * target that sheds more than nine starts in ten leaves too few accepted starts at the peak for
   * the latency SLO to mean anything, and one that throttles every call must not pass.
   */
  maxBurstThrottledRate: 0.9,
} as const;

const key = (metric: string, phase: SpikePhase) => `${metric}{${phaseTagKey}:${phase}}`;

/**
 * Per-phase throttling bounds, and evidence: accepted starts (webrtc_contacts_started) during the
 * burst and during the recovery, since the spike answers "what happens under a burst, and does the
 * target recover", and neither is answered without a start that succeeded then.
 */
export function spikePhaseThresholds(): Record<string, Threshold[]> {
  return {
    [key(k6Metrics.throttled, 'baseline')]: [`rate<${spikeLimits.maxSteadyThrottledRate}`],
    [key(k6Metrics.throttled, 'burst')]: [`rate<${spikeLimits.maxBurstThrottledRate}`],
    [key(k6Metrics.throttled, 'recovery')]: [`rate<${spikeLimits.maxSteadyThrottledRate}`],
    [key(k6Metrics.contactsStarted, 'burst')]: ['count>0'],
    [key(k6Metrics.contactsStarted, 'recovery')]: ['count>0'],
  };
}
