// StopContact: ends an active call and frees its concurrent-call slot.
import { errorForCondition, errorForViolations, validateShape } from '../../contract/index.ts';
import { rejected, type Handler } from '../service.ts';
import { fromShared } from './shared-call.ts';

export const stopContact: Handler = async (service, { body, quota }) => {
  const invalid = errorForViolations(validateShape('StopContactRequest', body), service.profile);
  if (invalid) return rejected(invalid);
  const { InstanceId: instanceId, ContactId: contactId } = body as { InstanceId: string; ContactId: string };
  if (!service.instances.has(instanceId)) return rejected(errorForCondition('resource-not-found', { reason: 'Instance', id: instanceId }, service.profile));
  const now = service.clock.now();
  const shared = service.store.shared;
  let stopped: 'stopped' | 'not-active';
  if (shared) {
    const stop = await fromShared(service, instanceId, () => shared.stop(instanceId, contactId, quota, now));
    if ('refused' in stop) return stop.refused;
    stopped = stop.value;
  } else stopped = service.contacts.stop(instanceId, contactId, now);
  if (stopped === 'not-active') {
    return rejected(errorForCondition('contact-not-found', { id: contactId }, service.profile), instanceId);
  }
  return { ok: true, outcome: 'accepted', instanceId, body: '{}' };
};
