// Capacity: rising steps of arrival rate (STEPS, default 10,20,40,80,160,320 per second; each ramps
// for 10 s and holds for STEP_DURATION, default 50s). The whole run aborts once errors or throttles
// pass their limit; per-step sub-metrics (tag `step`, 1..N, from the elapsed time) let the summary
// name the highest step that held: the capacity.
import exec from 'k6/execution';
import { k6Metrics } from '../harness/contract/metric-names.ts';
import { capacityVerdict, stepAt, stepLimits, stepTagKey, stepThresholds } from './lib/capacity-steps.ts';
import { settings } from './lib/env.ts';
import { scenarioOptions } from './lib/options.ts';
import { capacityPlan, capacityScenario } from './lib/profiles.ts';
import { startOnce } from './lib/start-iteration.ts';
import type { SummaryData } from './lib/summary-data.ts';
import { summaryOutputs } from './lib/summary.ts';

const SCENARIO = 'capacity';
const plan = capacityPlan(settings);
/** Give the first step time to gather samples before a rate can abort the run. */
const ABORT_DELAY = '10s';

export const options = scenarioOptions(
  { [SCENARIO]: capacityScenario(settings, plan, 'capacity') },
  {
    [k6Metrics.startFailed]: [{ threshold: `rate<${stepLimits.maxFailedRate}`, abortOnFail: true, delayAbortEval: ABORT_DELAY }],
    [k6Metrics.throttled]: [{ threshold: `rate<${stepLimits.maxThrottledRate}`, abortOnFail: true, delayAbortEval: ABORT_DELAY }],
    ...stepThresholds(plan.stepRates.length),
  },
);

export function capacity(): void {
  const step = stepAt(Date.now() - exec.scenario.startTime, plan.stepSeconds, plan.stepRates.length);
  startOnce(SCENARIO, { [stepTagKey]: String(step) });
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryOutputs(SCENARIO, data, { capacity: capacityVerdict(data, plan.stepRates) });
}
