// Smoke: a handful of sequential starts, each stopped again. Proves the chain (settings, signing,
// target, classification, checks, StopContact) before anything heavier runs. Every check must hold.
import { settings } from './lib/env.ts';
import { scenarioOptions } from './lib/options.ts';
import { paceRequest } from './lib/pacing.ts';
import { smokeScenario } from './lib/profiles.ts';
import { startSlo } from './lib/slo.ts';
import { startOnce } from './lib/start-iteration.ts';
import { stopContact } from './lib/stop-contact.ts';
import type { SummaryData } from './lib/summary-data.ts';
import { summaryOutputs } from './lib/summary.ts';

const SCENARIO = 'smoke';

export const options = scenarioOptions({ [SCENARIO]: smokeScenario(settings, 'smoke') }, { ...startSlo(), checks: ['rate==1'] });

export function smoke(): void {
  const startedAt = Date.now();
  const result = startOnce(SCENARIO);
  // startOnce stops the contact already when the run asks for it (always against real AWS).
  if (result.contactId !== undefined && !settings.stopContacts) stopContact(result.contactId);
  paceRequest(startedAt);
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryOutputs(SCENARIO, data);
}
