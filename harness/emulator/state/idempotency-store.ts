// Where ClientTokens are remembered (docs/contract.md §6). Only successful starts are remembered,
// and concurrent requests with one token create exactly one contact: the memory store recalls and
// remembers within one synchronous turn (`immediate`), a shared store within one atomic call that
// also starts the contact (`shared`, shared-state.ts).
import type { SharedState } from './shared-state.ts';

/** What a replay needs: every other field of the response derives from the ContactId. */
export interface RememberedStart {
  readonly contactId: string;
  readonly createdAt: number;
  /** Hash of the request's parameters (strict mode only; "" otherwise). */
  readonly fingerprint: string;
}

/**
 * Offered by a store that answers without I/O. `recall` and `remember` then run in the caller's
 * own synchronous turn, so no other request can come between them: one token starts exactly one
 * contact, without a promise or a pending entry per request.
 */
export interface ImmediateIdempotency {
  /** The remembered start for (scope, token) within the window, if any. */
  recall(scope: string, token: string, now: number): RememberedStart | undefined;
  /** Remember a successful start, which `recall` found nothing for in this same turn. */
  remember(scope: string, token: string, start: RememberedStart, now: number): void;
}

/**
 * The store cannot answer now (unreachable, still loading, too slow): nothing was decided, so the
 * request may be retried. The handler answers it with the `store-unavailable` condition (503).
 */
export class StoreUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'StoreUnavailableError';
  }
}

/** While a store is unreachable: what the health route reports. */
export interface StoreOutage {
  /** The store and its address, e.g. "redis 127.0.0.1:6379" (never credentials). */
  readonly store: string;
  readonly reason: string;
  /** Date.now() when it went down. */
  readonly since: number;
  /** Requests answered `store-unavailable` since then. */
  readonly refused: number;
}

/** `--store`: a store offers exactly one of `immediate` (memory) and `shared` (Redis). */
export interface IdempotencyStore {
  readonly immediate?: ImmediateIdempotency;
  /** Contacts, calls and rate quotas too, shared by every process on the store. */
  readonly shared?: SharedState;
  /** Tokens remembered now (for stats and memory tests). */
  size(): Promise<number>;
  /** Undefined while the store answers (always, for one without I/O); the outage otherwise. */
  outage?(): StoreOutage | undefined;
  close(): Promise<void>;
  readonly description: string;
}

/** Packs a remembered start into one short string: the stores keep millions of them. */
export function packStart(start: RememberedStart): string {
  return `${start.contactId}|${start.createdAt.toString(36)}|${start.fingerprint}`;
}

export function unpackStart(packed: string): RememberedStart {
  const [contactId = '', createdAt = '0', fingerprint = ''] = packed.split('|');
  return { contactId, createdAt: parseInt(createdAt, 36), fingerprint };
}
