// The StartWebRTCContact request the load scenarios send: the configured instance and flow, a fresh
// ClientToken. The constant part of the JSON body is serialised once, in the init context.
import { tagKeys } from '../../harness/contract/metric-names.ts';
import { operations } from '../../harness/contract/operations.ts';
import { settings } from './env.ts';
import { signedJsonRequest, type PreparedRequest } from './signed-request.ts';

const START = operations.StartWebRTCContact;

/** Request tags: bounded names, so http_req_* series stay one per operation. */
export const startRequestTags = { name: 'StartWebRTCContact', [tagKeys.operation]: 'StartWebRTCContact' };

const bodyPrefix =
  `{"InstanceId":${JSON.stringify(settings.instanceId)},"ContactFlowId":${JSON.stringify(settings.contactFlowId)},` +
  `"ParticipantDetails":{"DisplayName":"k6 load test"},"ClientToken":`;

export function startBody(clientToken: string): string {
  return `${bodyPrefix}${JSON.stringify(clientToken)}}`;
}

/** Signed anew on every call: the signature carries the current time. */
export function startRequest(clientToken: string): PreparedRequest {
  return signedJsonRequest(START.method, START.path, startBody(clientToken), startRequestTags);
}

/** A start with a body given as is (the negative-mix corpus). */
export function rawStartRequest(body: string): PreparedRequest {
  return signedJsonRequest(START.method, START.path, body, startRequestTags);
}
