// StopContact for a contact a scenario started: against any target but the emulator (real AWS
// above all) every started contact is ended within its own iteration, because a real contact
// centre must not be left ringing, and because ten active calls per instance (the default quota)
// would otherwise stop a run within seconds.
import { check, sleep } from 'k6';
import http from 'k6/http';
import { tagKeys } from '../../harness/contract/metric-names.ts';
import { operations } from '../../harness/contract/operations.ts';
import { checkNames } from './check-names.ts';
import { settings } from './env.ts';
import { signedJsonRequest } from './signed-request.ts';

const stopTags = { name: 'StopContact', [tagKeys.operation]: 'StopContact' };
const instanceJson = JSON.stringify(settings.instanceId);
/** Back-off before repeating a throttled StopContact (its quota is 10/s, burst 15). */
const BACKOFF_S = [0.25, 0.5, 1];

/** True when the contact is no longer active: stopped now, or already ended (410). */
export function stopContact(contactId: string): boolean {
  const body = `{"ContactId":${JSON.stringify(contactId)},"InstanceId":${instanceJson}}`;
  let status = 0;
  for (let attempt = 0; attempt <= BACKOFF_S.length; attempt++) {
    const req = signedJsonRequest(operations.StopContact.method, operations.StopContact.path, body, stopTags);
    status = http.request(req.method, req.url, req.body, req.params).status;
    if (status !== 429 || attempt === BACKOFF_S.length) break;
    sleep(BACKOFF_S[attempt]!);
  }
  // 410 is ContactNotFoundException: the call had already ended.
  const stopped = status === 200 || status === 410;
  check(status, { [checkNames.contactStopped]: () => stopped });
  return stopped;
}
