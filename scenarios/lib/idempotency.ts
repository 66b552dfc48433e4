// The two idempotency probes (docs/contract.md §6). A ClientToken seen before must answer the
// original ContactId: replayed one after another, and sent several times at once from one VU
// (http.batch runs the requests concurrently). Another ContactId is a violation. Each comparison
// made is a webrtc_idempotency_probes sample: a run whose replays were all throttled compared
// nothing, and its verdict must not be green (idempotency.ts thresholds).
import { check } from 'k6';
import http from 'k6/http';
import { checkNames } from './check-names.ts';
import { classifyStart, type StartResult } from './classify.ts';
import { newClientToken } from './client-token.ts';
import { idempotencyProbes, idempotencyViolations } from './metrics.ts';
import { paceRequest } from './pacing.ts';
import { recordStart } from './record-start.ts';
import { startRequest } from './start-request.ts';
import { countStartedContact, releaseStartedContact } from './started-contact.ts';

/** One start; against a capped target the VU then waits its turn, so replays do not burst. */
function startWithToken(scenario: string, token: string): StartResult {
  const startedAt = Date.now();
  const req = startRequest(token);
  const result = classifyStart(http.request(req.method, req.url, req.body, req.params));
  recordStart(scenario, result);
  paceRequest(startedAt);
  return result;
}

export function sequentialReplays(scenario: string, replays: number): void {
  const token = newClientToken();
  const first = startWithToken(scenario, token);
  const original = first.contactId;
  if (!check(first, { [checkNames.firstStartAccepted]: (r) => r.outcome === 'accepted' }) || original === undefined) return;
  countStartedContact(scenario, original);
  try {
    for (let i = 0; i < replays; i++) {
      const replay = startWithToken(scenario, token);
      // Only an answer with a ContactId can violate; a throttled replay is counted as throttled.
      if (replay.contactId === undefined) continue;
      const violated = replay.contactId !== original;
      idempotencyProbes.add(1, { scenario });
      idempotencyViolations.add(violated, { scenario });
      check(violated, { [checkNames.replaySameContact]: (v) => !v });
      // A replay that started a second contact must not be left active either.
      if (violated) releaseStartedContact(replay.contactId);
    }
  } finally {
    releaseStartedContact(original);
  }
}

export function concurrentDuplicates(scenario: string, copies: number): void {
  const token = newClientToken();
  // Each copy signed separately, as separate clients would; the bodies are identical.
  const requests = Array.from({ length: copies }, () => {
    const req = startRequest(token);
    return [req.method, req.url, req.body, req.params] as [string, string, string, typeof req.params];
  });
  // No pacing here: the arrival rate already divides the cap by the batch size (profiles.ts).
  const results = http.batch(requests).map((res) => classifyStart(res));
  for (const result of results) recordStart(scenario, result);
  const answered = results.flatMap((r) => (r.contactId === undefined ? [] : [r.contactId]));
  const contactIds = [...new Set(answered)];
  // Two answers with a ContactId are the least that can agree or disagree: one alone proves nothing.
  if (answered.length >= 2) {
    const violated = contactIds.length > 1;
    idempotencyProbes.add(1, { scenario });
    idempotencyViolations.add(violated, { scenario });
    check(violated, { [checkNames.duplicatesOneContact]: (v) => !v });
  }
  for (const contactId of contactIds) {
    countStartedContact(scenario, contactId);
    releaseStartedContact(contactId);
  }
}
