// What a store shared by several emulator processes offers (the Redis store): every operation's
// state change, with its rate quota, as one call to the store, so that replicas behind a load
// balancer act as one service. Contacts, remembered ClientTokens, the concurrent-call count and the
// rate buckets all live there. Only this path is asynchronous: the memory store answers in the
// request's own synchronous turn (idempotency-store.ts, contacts.ts).
//
// Every method charges `quota` (when given and not yet spent) before anything else and answers
// 'throttled' when the bucket is empty, having changed nothing else. A store that cannot answer
// throws StoreUnavailableError: nothing was decided, the request may be retried.
import type { RateTicket } from '../quotas.ts';
import type { ContactView, StartedContact } from './contacts.ts';
import type { RememberedStart } from './idempotency-store.ts';

export interface SharedStart {
  /** The contact to start, its id already drawn. */
  readonly contact: StartedContact;
  /** Deduplicate by this token (absent: a start without one, or the defect that ignores it). */
  readonly token: { readonly scope: string; readonly token: string; readonly fingerprint: string } | undefined;
  readonly quota: RateTicket | undefined;
  readonly now: number;
}

export type SharedStartResult =
  | 'started'
  /** The instance is at its concurrent-call quota: nothing started or remembered. */
  | 'at-capacity'
  | 'throttled'
  /** The token's start within the window: nothing started. */
  | { readonly remembered: RememberedStart };

export interface SharedState {
  start(request: SharedStart): Promise<SharedStartResult>;
  /** The contact as DescribeContact shows it; undefined when it is unknown, another instance's, or forgotten. */
  contact(instanceId: string, contactId: string, quota: RateTicket | undefined, now: number): Promise<ContactView | undefined | 'throttled'>;
  /** Ends an active call; 'not-active' for an unknown, forgotten or already ended one. */
  stop(instanceId: string, contactId: string, quota: RateTicket | undefined, now: number): Promise<'stopped' | 'not-active' | 'throttled'>;
  /** Charges the quota alone, for a request refused before its own call; false: throttled. */
  take(quota: RateTicket, now: number): Promise<boolean>;
  /** Active calls on the instance, counted across every process on the store. */
  activeCalls(instanceId: string, now: number): Promise<number>;
  /**
   * The last count this process learnt, without waiting (metrics are sampled synchronously); a
   * count older than a second is refreshed in the background for the next reading.
   */
  lastActiveCalls(instanceId: string, now: number): number;
}
