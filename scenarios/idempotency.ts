// Idempotency: first sequential replays of one ClientToken (each must answer the original
// ContactId), then concurrent duplicates of one token sent at once from one VU with http.batch
// (all must share one ContactId). Any other ContactId is a webrtc_idempotency_violations sample.
// Each phase must have compared something (webrtc_idempotency_probes): replays that were all
// throttled prove nothing, and a violation rate with no samples would pass.
import { k6Metrics } from '../harness/contract/metric-names.ts';
import { droppedIterationsBound } from './lib/evidence.ts';
import { settings } from './lib/env.ts';
import { concurrentDuplicates, sequentialReplays } from './lib/idempotency.ts';
import { scenarioOptions } from './lib/options.ts';
import { preflight } from './lib/preflight.ts';
import { idempotencyPlan } from './lib/profiles.ts';
import { acceptedDurationKey, slo } from './lib/slo.ts';
import type { SummaryData } from './lib/summary-data.ts';
import { summaryOutputs } from './lib/summary.ts';

const REPLAYS = 'idempotency_replays';
const DUPLICATES = 'idempotency_duplicates';
const plan = idempotencyPlan(settings, 'replays', 'duplicates');
const scenarios = { [REPLAYS]: plan.replayScenario, [DUPLICATES]: plan.duplicateScenario };
/**
 * A throttled replay is a probe lost, not a wrong answer; more than one request in ten throttled
 * means the rate is beyond what the target serves and the evidence is thin.
 */
const MAX_THROTTLED_RATE = 0.1;

export const options = scenarioOptions(scenarios, {
  [k6Metrics.idempotencyViolations]: ['rate==0'],
  [`${k6Metrics.idempotencyProbes}{scenario:${REPLAYS}}`]: ['count>0'],
  [`${k6Metrics.idempotencyProbes}{scenario:${DUPLICATES}}`]: ['count>0'],
  [k6Metrics.startFailed]: [`rate<${slo.maxFailedRate}`],
  [k6Metrics.throttled]: [`rate<${MAX_THROTTLED_RATE}`],
  [acceptedDurationKey]: [`p(95)<${slo.acceptedP95Ms}`],
  checks: [`rate>${slo.minChecksRate}`],
  ...droppedIterationsBound(scenarios),
});

export function setup(): void {
  preflight({
    replays: { requestsPerIteration: 1 + plan.replays, paced: false },
    duplicates: { requestsPerIteration: plan.duplicates, paced: false },
  });
}

export function replays(): void {
  sequentialReplays(REPLAYS, plan.replays);
}

export function duplicates(): void {
  concurrentDuplicates(DUPLICATES, plan.duplicates);
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryOutputs('idempotency', data, { options });
}
