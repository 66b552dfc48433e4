// Idempotency: first sequential replays of one ClientToken (each must answer the original
// ContactId), then concurrent duplicates of one token sent at once from one VU with http.batch
// (all must share one ContactId). Any other ContactId is a webrtc_idempotency_violations sample.
import { k6Metrics } from '../harness/contract/metric-names.ts';
import { settings } from './lib/env.ts';
import { concurrentDuplicates, sequentialReplays } from './lib/idempotency.ts';
import { scenarioOptions } from './lib/options.ts';
import { idempotencyPlan } from './lib/profiles.ts';
import { acceptedDurationKey, slo } from './lib/slo.ts';
import type { SummaryData } from './lib/summary-data.ts';
import { summaryOutputs } from './lib/summary.ts';

const REPLAYS = 'idempotency_replays';
const DUPLICATES = 'idempotency_duplicates';
const plan = idempotencyPlan(settings, 'replays', 'duplicates');

export const options = scenarioOptions(
  { [REPLAYS]: plan.replayScenario, [DUPLICATES]: plan.duplicateScenario },
  {
    [k6Metrics.idempotencyViolations]: ['rate==0'],
    [k6Metrics.startFailed]: [`rate<${slo.maxFailedRate}`],
    [acceptedDurationKey]: [`p(95)<${slo.acceptedP95Ms}`],
    checks: [`rate>${slo.minChecksRate}`],
  },
);

export function replays(): void {
  sequentialReplays(REPLAYS, plan.replays);
}

export function duplicates(): void {
  concurrentDuplicates(DUPLICATES, plan.duplicates);
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryOutputs('idempotency', data);
}
