// Soak: moderate constant load for hours (RATE default 10/s, DURATION default 2h), for what only
// time reveals: leaks, growing stores, idempotency-token eviction, connection churn.
import { acceptedStarts, droppedIterationsBound } from './lib/evidence.ts';
import { settings } from './lib/env.ts';
import { scenarioOptions } from './lib/options.ts';
import { preflight } from './lib/preflight.ts';
import { soakScenario } from './lib/profiles.ts';
import { startSlo } from './lib/slo.ts';
import { startOnce } from './lib/start-iteration.ts';
import type { SummaryData } from './lib/summary-data.ts';
import { summaryOutputs } from './lib/summary.ts';

const SCENARIO = 'soak';
const scenarios = { [SCENARIO]: soakScenario(settings, 'soak') };

export const options = scenarioOptions(scenarios, { ...startSlo(), ...acceptedStarts, ...droppedIterationsBound(scenarios) });

export function setup(): void {
  preflight({ soak: { requestsPerIteration: 1, paced: false } });
}

export function soak(): void {
  startOnce(SCENARIO);
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryOutputs(SCENARIO, data, { options });
}
