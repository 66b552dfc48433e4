// Where ClientTokens are remembered (docs/contract.md §6). Only successful starts are remembered;
// concurrent requests with one token are serialised by a claim, so exactly one contact is created.

/** What a replay needs: every other field of the response derives from the ContactId. */
export interface RememberedStart {
  readonly contactId: string;
  readonly createdAt: number;
  /** Hash of the request's parameters (strict mode only; "" otherwise). */
  readonly fingerprint: string;
}

export interface Claim {
  /** Remember a successful start under the claimed token. */
  remember(start: RememberedStart): Promise<void>;
  /** The start failed: forget the claim, so a retry executes afresh. */
  abandon(): Promise<void>;
}

export type ClaimResult =
  | { readonly kind: 'remembered'; readonly start: RememberedStart }
  | { readonly kind: 'claimed'; readonly claim: Claim };

/**
 * Offered by a store that answers without I/O. `recall` and `remember` then run in the caller's
 * own synchronous turn, so no other request can come between them and no claim is needed: one
 * token still starts exactly one contact, without a promise or a pending-claim entry per request.
 * A caller uses either this or `claim` for a store, never both.
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

export interface IdempotencyStore {
  /**
   * The remembered start for (scope, token) if one is within the window; otherwise a claim on the
   * token. While another request holds the claim, this waits for it to finish.
   */
  claim(scope: string, token: string, now: number): Promise<ClaimResult>;
  readonly immediate?: ImmediateIdempotency;
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
