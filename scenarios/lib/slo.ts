// The service level the scenarios hold a target to, stated once as k6 thresholds. A run that
// misses one ends with k6's threshold exit code (99), and the JUnit report names the miss.
import type { Threshold } from 'k6/options';
import { k6Metrics, tagKeys } from '../../harness/contract/metric-names.ts';

export const slo = {
  /** Latency of successful starts, milliseconds. */
  acceptedP95Ms: 500,
  acceptedP99Ms: 1000,
  /** Starts failed by anything but throttling. */
  maxFailedRate: 0.01,
  /** Starts throttled at a rate the target claims to serve. */
  maxThrottledRate: 0.01,
  /** Checks that pass. */
  minChecksRate: 0.99,
} as const;

export type Thresholds = Record<string, Threshold[]>;

/** `webrtc_start_duration{outcome:accepted}`: the latency SLO is about starts that succeeded. */
export const acceptedDurationKey = `${k6Metrics.startDuration}{${tagKeys.outcome}:accepted}`;

/**
 * `throttling: false` where throttles are the expected answer to the load (a burst beyond the
 * quota): then throttled starts also fail their check, so the checks threshold goes too.
 */
export function startSlo({ throttling = true }: { throttling?: boolean } = {}): Thresholds {
  return {
    [acceptedDurationKey]: [`p(95)<${slo.acceptedP95Ms}`, `p(99)<${slo.acceptedP99Ms}`],
    [k6Metrics.startFailed]: [`rate<${slo.maxFailedRate}`],
    ...(throttling ? { [k6Metrics.throttled]: [`rate<${slo.maxThrottledRate}`], checks: [`rate>${slo.minChecksRate}`] } : {}),
  };
}
