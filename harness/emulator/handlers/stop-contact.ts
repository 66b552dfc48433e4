// StopContact: ends an active call and frees its concurrent-call slot.
import { errorForCondition, errorForViolations, validateShape } from '../../contract/index.ts';
import { rejected, type Handler } from '../service.ts';

export const stopContact: Handler = async (service, { body }) => {
  const invalid = errorForViolations(validateShape('StopContactRequest', body), service.profile);
  if (invalid) return rejected(invalid);
  const { InstanceId: instanceId, ContactId: contactId } = body as { InstanceId: string; ContactId: string };
  if (!service.instances.has(instanceId)) return rejected(errorForCondition('resource-not-found', { reason: 'Instance', id: instanceId }, service.profile));
  if (service.contacts.stop(instanceId, contactId, service.clock.now()) === 'not-active') {
    return rejected(errorForCondition('contact-not-found', { id: contactId }, service.profile), instanceId);
  }
  return { ok: true, outcome: 'accepted', instanceId, body: '{}' };
};
