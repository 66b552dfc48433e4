// DescribeContact: the started contact read back (docs/contract.md §8). Channel and
// InitiationMethod for a WebRTC contact are assumptions (VOICE, WEBRTC_API).
import { errorForCondition } from '../../contract/index.ts';
import { rejected, type Handler } from '../service.ts';
import { checkLabels } from './check-labels.ts';
import { readContact } from './shared-call.ts';

/** restJson1 timestamps are epoch seconds. */
const seconds = (ms: number) => ms / 1000;

export const describeContact: Handler = async (service, { labels, caller, quota }) => {
  const invalid = checkLabels(labels, { InstanceId: 'InstanceId', ContactId: 'ContactId' }, service.profile);
  if (invalid) return rejected(invalid);
  const instanceId = labels.InstanceId!;
  if (!service.instances.has(instanceId)) return rejected(errorForCondition('resource-not-found', { reason: 'Instance', id: instanceId }, service.profile));
  const read = await readContact(service, instanceId, labels.ContactId!, quota);
  if ('refused' in read) return read.refused;
  const contact = read.value;
  if (!contact) return rejected(errorForCondition('resource-not-found', { reason: 'Contact', id: labels.ContactId }, service.profile), instanceId);
  const described: Record<string, unknown> = {
    Arn: `arn:aws:connect:${service.region}:${caller.accountId}:instance/${instanceId}/contact/${contact.contactId}`,
    Id: contact.contactId,
    InitialContactId: contact.contactId,
    InitiationMethod: 'WEBRTC_API',
    Channel: 'VOICE',
    InitiationTimestamp: seconds(contact.createdAt),
    LastUpdateTimestamp: seconds(contact.lastUpdatedAt),
  };
  if (contact.endedAt !== undefined) described.DisconnectTimestamp = seconds(contact.endedAt);
  if (contact.relatedContactId !== undefined) described.RelatedContactId = contact.relatedContactId;
  if (contact.description !== undefined) described.Description = contact.description;
  if (contact.attributes !== undefined) described.Attributes = contact.attributes;
  if (contact.segmentAttributes !== undefined) described.SegmentAttributes = contact.segmentAttributes;
  return { ok: true, outcome: 'accepted', instanceId, body: JSON.stringify({ Contact: described }) };
};
