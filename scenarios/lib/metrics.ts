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

/** Evidence: an idempotency probe that could be judged (a `count>0` threshold rests on it). */
export const idempotencyProbes = new Counter(k6Metrics.idempotencyProbes);
/** Evidence: a negative-mix entry answered with a verdict. */
export const expectationsJudged = new Counter(k6Metrics.expectationsJudged);

export type Tags = Record<string, string>;

export function outcomeTags(scenario: string, outcome: StartOutcome, errorTag: string, extra?: Tags): Tags {
  return { [tagKeys.scenario]: scenario, [tagKeys.outcome]: outcome, [tagKeys.errorName]: errorTag, ...extra };
}
