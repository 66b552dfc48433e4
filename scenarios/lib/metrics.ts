// The custom metrics every scenario emits, named in harness/contract/metric-names.ts (the dashboards
// query the same names). Declared here once: k6 allows declaring metrics only in the init context.
//
// Tags are bounded: outcome, error name, scenario, rule and the capacity step. Never an id, a token
// or anything from a request body: every distinct tag value is a new InfluxDB series.
import { Counter, Rate, Trend } from 'k6/metrics';
import { k6Metrics, tagKeys, type StartOutcome } from '../../harness/contract/metric-names.ts';

/** StartWebRTCContact round trip in milliseconds, tagged with its outcome and error. */
export const startDuration = new Trend(k6Metrics.startDuration, true);
/** A start that got an error other than throttling: rejected, server error, network error, unexpected. */
export const startFailed = new Rate(k6Metrics.startFailed);
/** A start answered with 429. Apart from startFailed, so that quota and faults stay separate signals. */
export const throttled = new Rate(k6Metrics.throttled);
/** A replay (or a concurrent duplicate) of one ClientToken that answered another ContactId. */
export const idempotencyViolations = new Rate(k6Metrics.idempotencyViolations);
/** Distinct contacts started (replays that return the original contact are not counted). */
export const contactsStarted = new Counter(k6Metrics.contactsStarted);
/** A negative-mix response whose outcome differs from what the corpus expected. */
export const expectationMismatches = new Rate(k6Metrics.expectationMismatches);

/**
 * Counters that say a verdict has samples to rest on (evidence.ts): a `count>0` threshold fails on
 * an empty Counter, where a Rate threshold would pass. Named here rather than in
 * harness/contract/metric-names.ts while no dashboard reads them.
 */
export const evidenceMetricNames = {
  /** An idempotency probe that could be judged: a replay answered with a ContactId, or a batch of duplicates two or more of which were. */
  idempotencyProbes: 'webrtc_idempotency_probes',
  /** A negative-mix corpus entry answered with a verdict (not throttled, failed or unreachable). */
  expectationsJudged: 'webrtc_expectations_judged',
} as const;
export const idempotencyProbes = new Counter(evidenceMetricNames.idempotencyProbes);
export const expectationsJudged = new Counter(evidenceMetricNames.expectationsJudged);

export type Tags = Record<string, string>;

export function outcomeTags(scenario: string, outcome: StartOutcome, errorTag: string, extra?: Tags): Tags {
  return { [tagKeys.scenario]: scenario, [tagKeys.outcome]: outcome, [tagKeys.errorName]: errorTag, ...extra };
}
