// Smoke: a handful of sequential starts, each stopped again. Proves the chain (settings, signing,
// target, classification, checks, StopContact) before anything heavier runs. Every check must hold,
// and at least one start must have succeeded.
import { acceptedStarts, noDroppedIterations } from './lib/evidence.ts';
import { settings } from './lib/env.ts';
import { scenarioOptions } from './lib/options.ts';
import { paceRequest } from './lib/pacing.ts';
import { preflight, scenarioRunning } from './lib/preflight.ts';
import { smokeScenario } from './lib/profiles.ts';
import { startSlo } from './lib/slo.ts';
import { startOnce } from './lib/start-iteration.ts';
import { stopContact } from './lib/stop-contact.ts';
import type { SummaryData } from './lib/summary-data.ts';
import { summaryOutputs } from './lib/summary.ts';

const SCENARIO = 'smoke';

export const options = scenarioOptions(
  { [SCENARIO]: smokeScenario(settings, 'smoke') },
  { ...startSlo(), checks: ['rate==1'], ...acceptedStarts, ...noDroppedIterations },
);

interface SmokeData {
  /** VUs in force: pacing divides the rate cap among them. */
  readonly vus: number;
}

export function setup(): SmokeData {
  const scenarios = preflight({ smoke: { requestsPerIteration: 1, paced: true } });
  return { vus: scenarioRunning(scenarios, 'smoke').vus ?? 1 };
}

export function smoke(data: SmokeData): void {
  const startedAt = Date.now();
  const result = startOnce(SCENARIO);
  // startOnce stops the contact already when the run asks for it (always unless the target is the emulator).
  if (result.contactId !== undefined && !settings.stopContacts) stopContact(result.contactId);
  paceRequest(startedAt, data.vus);
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryOutputs(SCENARIO, data, { options });
}
