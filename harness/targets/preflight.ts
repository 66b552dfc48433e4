// Before any check: two harmless signed calls establish that the endpoint speaks the Connect API,
// accepts the credentials and signs in the same region. A run that cannot talk to its target stops
// here with one line naming the cause (a harness error, exit 2), instead of reporting every case of
// every check as a conformance finding.
//   1. StartWebRTCContact without a DisplayName: refused by any conforming service, so it never
//      starts a contact on a real contact centre.
//   2. DescribeContact of a random ContactId: a read of nothing.
import { randomUUID } from 'node:crypto';
import { lastResponse, type CallResult, type Exchange } from './exchange.ts';
import { HarnessError } from './harness-error.ts';
import type { OperationName } from './operations.ts';
import type { Target } from './target.ts';

/** The cause, in the words a person fixes it with, from an answer that is not the Connect API speaking. */
function answerProblem(result: CallResult, where: string): string | undefined {
  const response = lastResponse(result.exchange);
  if (!response) return undefined;
  const type = (response.headers['content-type'] ?? '').toLowerCase();
  const body = response.body.trimStart();
  if (type.includes('text/html') || body.startsWith('<')) return `not the Connect API: ${where} answered ${response.status} with HTML`;
  if (result.ok) return undefined;
  const { name, status, message } = result.error;
  const said = `${name}${message ? `: ${message.slice(0, 120)}` : ''}`;
  switch (name) {
    case 'InvalidSignatureException':
    case 'SignatureDoesNotMatch':
      return `signature rejected (${said}): wrong secret key, or a --region the endpoint does not sign for?`;
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
      return `unknown access key (${said}): the endpoint does not know these credentials`;
    case 'ExpiredTokenException':
    case 'ExpiredToken':
      return `the credentials have expired (${said})`;
    case 'MissingAuthenticationTokenException':
    case 'IncompleteSignatureException':
      return `the endpoint refused the signature as incomplete (${said})`;
    case 'AccessDeniedException':
      return `access denied (${said}): the credentials may not call the Connect API on this instance`;
    case 'UnknownOperationException':
      return `not the Connect API: ${where} has no StartWebRTCContact or DescribeContact route (${said})`;
  }
  // An error the SDK could not name from x-amzn-ErrorType or a JSON body is not an AWS service.
  if (!response.headers['x-amzn-errortype'] && !/json/.test(type)) return `not the Connect API: ${where} answered ${status} ${type || 'without a content type'}`;
  return undefined;
}

/** The cause of a call that got no HTTP answer at all. */
function transportProblem(error: HarnessError, where: string): string {
  const m = error.message;
  if (/Could not load credentials|credential/i.test(m)) return 'no credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (the AWS default provider chain found none)';
  if (/ECONNREFUSED/.test(m)) return `nothing listening at ${where}`;
  if (/ENOTFOUND|EAI_AGAIN/.test(m)) return `cannot resolve the host of ${where}`;
  if (/ETIMEDOUT|timed? ?out|ECONNRESET|socket hang up/i.test(m)) return `${where} did not answer (${m.split(': ').at(-1)})`;
  return m;
}

async function probe(target: Target, operation: OperationName, input: Record<string, unknown>, where: string): Promise<Exchange> {
  let result: CallResult;
  try {
    result = await target.call(operation, input);
  } catch (error) {
    if (error instanceof HarnessError) throw new HarnessError(transportProblem(error, where));
    throw error;
  }
  const problem = answerProblem(result, where);
  if (problem) throw new HarnessError(problem);
  return result.exchange;
}

/** Throws a HarnessError naming the cause when the target cannot be tested; contacts it started are released. */
export async function preflight(target: Target): Promise<void> {
  const where = target.endpoint ?? target.description;
  await probe(target, 'StartWebRTCContact', { InstanceId: target.instanceId, ContactFlowId: target.contactFlowId, ParticipantDetails: {} }, where);
  await probe(target, 'DescribeContact', { InstanceId: target.instanceId, ContactId: randomUUID() }, where);
  await target.releaseStarted();
}
