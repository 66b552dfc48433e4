// One iteration of the throughput scenarios (smoke, load, capacity, spike, soak): start a contact
// with a fresh ClientToken, classify and record the answer, check it, then count and (if asked)
// stop the contact.
import { check } from 'k6';
import http from 'k6/http';
import { classifyStart, type StartResult } from './classify.ts';
import { newClientToken } from './client-token.ts';
import { checkNames } from './check-names.ts';
import type { Tags } from './metrics.ts';
import { recordStart } from './record-start.ts';
import { startRequest } from './start-request.ts';
import { countStartedContact, releaseStartedContact } from './started-contact.ts';

export function startOnce(scenario: string, extra?: Tags): StartResult {
  const req = startRequest(newClientToken());
  const result = classifyStart(http.request(req.method, req.url, req.body, req.params));
  recordStart(scenario, result, extra);
  check(result, { [checkNames.startAccepted]: (r) => r.outcome === 'accepted' });
  if (result.contactId !== undefined) {
    countStartedContact(scenario, result.contactId, extra);
    releaseStartedContact(result.contactId);
  }
  return result;
}
