// GetContactAttributes: the attributes exactly as they were received, keys like "__proto__" included
// (they are own properties of the parsed body, and JSON.stringify writes them back as they came).
import { errorForCondition } from '../../contract/index.ts';
import { rejected, type Handler } from '../service.ts';
import { checkLabels } from './check-labels.ts';
import { readContact } from './shared-call.ts';

export const getContactAttributes: Handler = async (service, { labels, quota }) => {
  const invalid = checkLabels(labels, { InstanceId: 'InstanceId', InitialContactId: 'ContactId' }, service.profile);
  if (invalid) return rejected(invalid);
  const instanceId = labels.InstanceId!;
  if (!service.instances.has(instanceId)) return rejected(errorForCondition('resource-not-found', { reason: 'Instance', id: instanceId }, service.profile));
  const read = await readContact(service, instanceId, labels.InitialContactId!, quota);
  if ('refused' in read) return read.refused;
  const contact = read.value;
  if (!contact) return rejected(errorForCondition('resource-not-found', { reason: 'Contact', id: labels.InitialContactId }, service.profile), instanceId);
  return { ok: true, outcome: 'accepted', instanceId, body: JSON.stringify({ Attributes: contact.attributes ?? {} }) };
};
