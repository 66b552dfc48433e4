// StartWebRTCContact: validate, resolve instance and flow, deduplicate by ClientToken, start a call.
import { createHash } from 'node:crypto';
import { flatUuid } from '../flat-uuid.ts';
import { errorForCondition, errorForViolations, shapes, validate, type Violation } from '../../contract/index.ts';
import { rejected, type Handler, type Service } from '../service.ts';
import { startResponseBody } from '../start-response.ts';
import type { StartedContact } from '../state/contacts.ts';
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

export const startWebRTCContact: Handler = async (service, { body, caller }) => {
  const violations = withDefects(service, validate(body));
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
  const print = service.strictTokens && token ? fingerprint(body as Record<string, unknown>) : '';
  // "" (like an absent token) asks for no deduplication.
  const deduplicate = Boolean(token) && !service.defects.has('new-contact-on-replay');
  const claimed = deduplicate && token ? await service.store.claim(`${caller.accountId}/${caller.region}/${instanceId}`, token, now) : undefined;
  if (claimed?.kind === 'remembered') {
    if (service.strictTokens && claimed.start.fingerprint !== print) {
      return rejected(errorForCondition('token-parameter-mismatch', { id: token }, service.profile), instanceId);
    }
    return { ok: true, outcome: 'replayed', instanceId, body: startResponseBody(claimed.start.contactId, service.region) };
  }
  const claim = claimed?.claim;
  try {
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
      await claim?.abandon();
      const limit = errorForCondition('concurrent-calls', { limit: service.contacts.maxCalls }, service.profile);
      return rejected(limit, instanceId);
    }
    const response = startResponseBody(contact.contactId, service.region);
    try {
      await claim?.remember({ contactId: contact.contactId, createdAt: now, fingerprint: print });
    } catch (error) {
      // Not remembered (Redis gone): undo the start, or the client's retry would start a second call.
      service.contacts.stop(instanceId, contact.contactId, now);
      throw error;
    }
    return { ok: true, outcome: 'accepted', instanceId, body: response };
  } catch (error) {
    await claim?.abandon().catch(() => {});
    throw error;
  }
};
