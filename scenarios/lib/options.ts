// The options every scenario shares: the run's test id as a tag on every sample, and trend
// statistics that include the SLO's percentiles.
import type { Options, Scenario } from 'k6/options';
import { tagKeys } from '../../harness/contract/metric-names.ts';
import { settings } from './env.ts';
import type { Thresholds } from './slo.ts';

export function scenarioOptions(scenarios: Record<string, Scenario>, thresholds: Thresholds): Options {
  return {
    scenarios,
    thresholds,
    tags: { [tagKeys.testId]: settings.testId },
    summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'],
    userAgent: 'connect-webrtc-harness k6',
  };
}
