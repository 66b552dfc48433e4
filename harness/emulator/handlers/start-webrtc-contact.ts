// StartWebRTCContact: validate, resolve instance and flow, deduplicate by ClientToken, start a call.
import { createHash } from 'node:crypto';
import { flatUuid } from '../flat-uuid.ts';
import { errorForCondition, errorForViolations, shapes, validate, type Violation } from '../../contract/index.ts';
import { rejected, type Handler, type HandlerResult, type Service } from '../service.ts';
import { startResponseBody } from '../start-response.ts';
import type { StartedContact } from '../state/contacts.ts';
import { StoreUnavailableError, type RememberedStart } from '../state/idempotency-store.ts';
import { canonicalJson } from './canonical-json.ts';

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

function withDefects(service: Service, violations: Violation[]): Violation[] {
  if (service.defects.size === 0) return violations;
  return violations.filter(
    (v) =>
      !(service.defects.has('accept-oversized-attributes') && v.rule === 'attribute-byte-budget') &&
      !(service.defects.has('accept-attachment-at-creation') && v.rule === 'reference-type-at-creation'),
  );
}

type Started = { readonly contactId: string; readonly body: string };

/** Starts a contact (or meets the concurrent-call quota). Synchronous: nothing can interleave. */
function startContact(service: Service, request: Request, now: number): Started | HandlerResult {
  const instanceId = request.InstanceId;
  const contact: StartedContact = {
    contactId: flatUuid(),
    instanceId,
    createdAt: now,
    attributes: request.Attributes ?? undefined,
    relatedContactId: request.RelatedContactId ?? undefined,
    description: request.Description ?? undefined,
    references: request.References ?? undefined,
    segmentAttributes: request.SegmentAttributes ?? undefined,
    displayName: request.ParticipantDetails.DisplayName,
  };
  if (!service.contacts.start(contact, now)) {
    return rejected(errorForCondition('concurrent-calls', { limit: service.contacts.maxCalls }, service.profile), instanceId);
  }
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
 * A store with I/O (Redis): claim the token, start, then remember or abandon. A store that cannot
 * answer gets the client a retryable 503 with nothing started, never a start it could not remember.
 */
async function claimAndStart(service: Service, request: Request, scope: string, token: string, print: string, now: number): Promise<HandlerResult> {
  try {
    return await claimRememberStart(service, request, scope, token, print, now);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    const reason = 'the ClientToken store is unreachable';
    return { ok: false, error: errorForCondition('store-unavailable', { reason }, service.profile), outcome: 'fault', instanceId: request.InstanceId };
  }
}

async function claimRememberStart(service: Service, request: Request, scope: string, token: string, print: string, now: number): Promise<HandlerResult> {
  const instanceId = request.InstanceId;
  const claimed = await service.store.claim(scope, token, now);
  if (claimed.kind === 'remembered') return replay(service, claimed.start, print, token, instanceId);
  const { claim } = claimed;
  let started: Started | HandlerResult;
  try {
    started = startContact(service, request, now);
  } catch (error) {
    await claim.abandon().catch(() => {});
    throw error;
  }
  if ('ok' in started) {
    await claim.abandon();
    return started;
  }
  try {
    await claim.remember({ contactId: started.contactId, createdAt: now, fingerprint: print });
  } catch (error) {
    // Not remembered (Redis gone): undo the start, or the client's retry would start a second call.
    service.contacts.stop(instanceId, started.contactId, now);
    await claim.abandon().catch(() => {});
    throw error;
  }
  return accepted(instanceId, started);
}

/** Synchronous unless the store needs I/O: the in-memory path allocates no promise. */
export const startWebRTCContact: Handler = (service, { body, caller }) => {
  const violations = withDefects(service, validate(body, service.profile.limits));
  if (service.defects.has('missing-display-name-500') && violations.some((v) => v.rule === 'required' && v.path === '/ParticipantDetails/DisplayName')) {
    throw new Error('defect missing-display-name-500');
  }
  const invalid = errorForViolations(violations, service.profile);
  if (invalid) return rejected(invalid);
  const request = body as Request;
  const instanceId = request.InstanceId;
  const missing = resourceCheck(service, request);
  if (missing) return rejected(missing);

  const now = service.clock.now();
  const token = request.ClientToken;
  // "" (like an absent token) asks for no deduplication.
  if (!token || service.defects.has('new-contact-on-replay')) {
    const started = startContact(service, request, now);
    return 'ok' in started ? started : accepted(instanceId, started);
  }
  const print = service.strictTokens ? fingerprint(body as Record<string, unknown>) : '';
  const scope = `${caller.accountId}/${caller.region}/${instanceId}`;
  const immediate = service.store.immediate;
  if (!immediate) return claimAndStart(service, request, scope, token, print, now);
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
