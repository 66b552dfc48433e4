// StartWebRTCContact: validate, resolve instance and flow, deduplicate by ClientToken, start a call.
import { createHash } from 'node:crypto';
import { flatUuid } from '../flat-uuid.ts';
import { errorForCondition, errorForViolations, shapes } from '../../contract/index.ts';
import { rejected, type Caller, type Handler, type HandlerResult, type Service } from '../service.ts';
import { startResponseBody } from '../start-response.ts';
import type { StartedContact } from '../state/contacts.ts';
import { StoreUnavailableError, type RememberedStart } from '../state/idempotency-store.ts';
import type { SharedState } from '../state/shared-state.ts';
import type { RateTicket } from '../quotas.ts';
import { canonicalJson } from './canonical-json.ts';
import { rateThrottled, storeUnavailable } from './shared-call.ts';

type Request = {
  InstanceId: string;
  ContactFlowId: string;
  ParticipantDetails: { DisplayName: string };
  ClientToken?: string;
  Attributes?: Record<string, string>;
  RelatedContactId?: string;
  Description?: string;
  References?: Record<string, unknown>;
  SegmentAttributes?: Record<string, unknown>;
};

const modelled = Object.keys(shapes.StartWebRTCContactRequest.members).filter((m) => m !== 'ClientToken');

/**
 * What identifies "the same parameters" for strict ClientToken reuse: every modelled member but the
 * token. Unknown members are ignored, as they are everywhere else (and only modelled members are
 * depth-limited by validation).
 */
function fingerprint(request: Record<string, unknown>): string {
  const parameters: Record<string, unknown> = {};
  for (const member of modelled) if (Object.prototype.hasOwnProperty.call(request, member)) parameters[member] = request[member];
  return createHash('sha256').update(canonicalJson(parameters)).digest('base64url').slice(0, 16);
}

function resourceCheck(service: Service, request: Request) {
  if (!service.instances.has(request.InstanceId)) {
    return errorForCondition('resource-not-found', { reason: 'Instance', id: request.InstanceId }, service.profile);
  }
  if (!service.flows.has(request.ContactFlowId)) {
    return errorForCondition('resource-not-found', { reason: 'Contact flow', id: request.ContactFlowId }, service.profile);
  }
  return undefined;
}

type Started = { readonly contactId: string; readonly body: string };

function newContact(request: Request, now: number): StartedContact {
  return {
    contactId: flatUuid(),
    instanceId: request.InstanceId,
    createdAt: now,
    attributes: request.Attributes ?? undefined,
    relatedContactId: request.RelatedContactId ?? undefined,
    description: request.Description ?? undefined,
    references: request.References ?? undefined,
    segmentAttributes: request.SegmentAttributes ?? undefined,
    displayName: request.ParticipantDetails.DisplayName,
  };
}

/** Where a ClientToken is remembered: per account, region and instance. */
const tokenScope = (caller: Caller, instanceId: string) => `${caller.accountId}/${caller.region}/${instanceId}`;

/** The parameters' fingerprint a strict replay compares ("" unless --strict-tokens). */
const printOf = (service: Service, request: Request) => (service.strictTokens ? fingerprint(request as unknown as Record<string, unknown>) : '');

/** The ClientToken to deduplicate by: "" (like an absent token) asks for none. */
function deduplicatedBy(service: Service, request: Request): string | undefined {
  return service.stages.deduplicationToken(request.ClientToken) || undefined;
}

function atCapacity(service: Service, instanceId: string): HandlerResult {
  return rejected(errorForCondition('concurrent-calls', { limit: service.contacts.maxCalls }, service.profile), instanceId);
}

/** Starts a contact (or meets the concurrent-call quota). Synchronous: nothing can interleave. */
function startContact(service: Service, request: Request, now: number): Started | HandlerResult {
  const contact = newContact(request, now);
  if (!service.contacts.start(contact, now)) return atCapacity(service, contact.instanceId);
  return { contactId: contact.contactId, body: startResponseBody(contact.contactId, service.region) };
}

function accepted(instanceId: string, started: Started): HandlerResult {
  return { ok: true, outcome: 'accepted', instanceId, body: started.body, asciiOnly: true };
}

function replay(service: Service, start: RememberedStart, print: string, token: string, instanceId: string): HandlerResult {
  if (service.strictTokens && start.fingerprint !== print) {
    return rejected(errorForCondition('token-parameter-mismatch', { id: token }, service.profile), instanceId);
  }
  return { ok: true, outcome: 'replayed', instanceId, body: startResponseBody(start.contactId, service.region), asciiOnly: true };
}

/**
 * A shared store (Redis): the rate quota, the token, the call quota and the contact in one call. A
 * store that cannot answer gets the client a retryable 503 with nothing started.
 */
async function startShared(service: Service, shared: SharedState, request: Request, caller: Caller, quota: RateTicket | undefined, now: number): Promise<HandlerResult> {
  const instanceId = request.InstanceId;
  const contact = newContact(request, now);
  const given = deduplicatedBy(service, request);
  const token = given === undefined ? undefined : { scope: tokenScope(caller, instanceId), token: given, fingerprint: printOf(service, request) };
  let result;
  try {
    result = await shared.start({ contact, token, quota, now });
  } catch (error) {
    if (error instanceof StoreUnavailableError) return storeUnavailable(service, instanceId);
    throw error;
  }
  if (result === 'started') return accepted(instanceId, { contactId: contact.contactId, body: startResponseBody(contact.contactId, service.region) });
  if (result === 'at-capacity') return atCapacity(service, instanceId);
  if (result === 'throttled') return rateThrottled(service);
  return replay(service, result.remembered, token!.fingerprint, token!.token, instanceId);
}

/** Synchronous unless the store needs I/O: the in-memory path allocates no promise. */
export const startWebRTCContact: Handler = (service, { body, caller, quota }) => {
  const violations = service.stages.validate(body, service.profile.limits);
  const invalid = errorForViolations(violations, service.profile);
  if (invalid) return rejected(invalid);
  const request = body as Request;
  const instanceId = request.InstanceId;
  const missing = resourceCheck(service, request);
  if (missing) return rejected(missing);

  const now = service.clock.now();
  const shared = service.store.shared;
  if (shared) return startShared(service, shared, request, caller, quota, now);
  const token = deduplicatedBy(service, request);
  if (!token) {
    const started = startContact(service, request, now);
    return 'ok' in started ? started : accepted(instanceId, started);
  }
  const print = printOf(service, request);
  const scope = tokenScope(caller, instanceId);
  const immediate = service.store.immediate!;
  const remembered = immediate.recall(scope, token, now);
  if (remembered) return replay(service, remembered, print, token, instanceId);
  const started = startContact(service, request, now);
  if ('ok' in started) return started;
  try {
    immediate.remember(scope, token, { contactId: started.contactId, createdAt: now, fingerprint: print }, now);
  } catch (error) {
    service.contacts.stop(instanceId, started.contactId, now);
    throw error;
  }
  return accepted(instanceId, started);
};
