// A call to a shared store (Redis) from a handler: its answer, or the request's own answer when the
// store throttled the request or could not be reached (a retryable 503 with nothing changed).
import { errorForCondition } from '../../contract/index.ts';
import type { RateTicket } from '../quotas.ts';
import { rejected, type HandlerResult, type Service } from '../service.ts';
import type { ContactView } from '../state/contacts.ts';
import { StoreUnavailableError } from '../state/idempotency-store.ts';

export function storeUnavailable(service: Service, instanceId: string): HandlerResult {
  const reason = "the emulator's shared store is unreachable";
  return { ok: false, error: errorForCondition('store-unavailable', { reason }, service.profile), outcome: 'fault', instanceId };
}

export function rateThrottled(service: Service): HandlerResult {
  return rejected(errorForCondition('rate-throttle', {}, service.profile));
}

export async function fromShared<T>(service: Service, instanceId: string, call: () => Promise<T | 'throttled'>): Promise<{ readonly value: T } | { readonly refused: HandlerResult }> {
  let value: T | 'throttled';
  try {
    value = await call();
  } catch (error) {
    if (error instanceof StoreUnavailableError) return { refused: storeUnavailable(service, instanceId) };
    throw error;
  }
  return value === 'throttled' ? { refused: rateThrottled(service) } : { value };
}

/** A contact as DescribeContact and GetContactAttributes read it: from the shared store when there is one, else from this process. */
export async function readContact(service: Service, instanceId: string, contactId: string, quota: RateTicket | undefined): Promise<{ readonly value: ContactView | undefined } | { readonly refused: HandlerResult }> {
  const now = service.clock.now();
  const shared = service.store.shared;
  if (shared) return fromShared(service, instanceId, () => shared.contact(instanceId, contactId, quota, now));
  return { value: service.contacts.get(instanceId, contactId, now) };
}
