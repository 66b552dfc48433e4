// What handlers share: configuration and state, no HTTP.
import type { AwsError, EmulatorOutcome, FidelityProfile } from '../contract/index.ts';
import type { Clock } from './clock.ts';
import type { Contacts } from './state/contacts.ts';
import type { IdempotencyStore } from './state/idempotency-store.ts';
import type { Defect } from './defects.ts';
import type { RateTicket } from './quotas.ts';

export interface Service {
  readonly region: string;
  readonly instances: ReadonlySet<string>;
  readonly flows: ReadonlySet<string>;
  readonly profile: FidelityProfile;
  /** Reject a reused ClientToken whose parameters differ (not verified against AWS). */
  readonly strictTokens: boolean;
  readonly clock: Clock;
  readonly contacts: Contacts;
  readonly store: IdempotencyStore;
  /** Test only: deliberate defects. Empty in every real use. */
  readonly defects: ReadonlySet<Defect>;
}

/** Who is calling, as authentication established it. */
export interface Caller {
  readonly accountId: string;
  readonly region: string;
}

/** How a request ended, as the emulator's metrics tag it (named in the contract's metric-names). */
export type Outcome = EmulatorOutcome;

export type HandlerResult =
  | { readonly ok: true; readonly body: string; readonly outcome: 'accepted' | 'replayed'; readonly instanceId?: string; readonly asciiOnly?: boolean }
  | { readonly ok: false; readonly error: AwsError; readonly outcome: Outcome; readonly instanceId?: string };

export interface HandlerInput {
  readonly labels: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly caller: Caller;
  /** With a shared store: the request's rate quota, for the handler's store call to charge (quotas.ts). */
  readonly quota?: RateTicket | undefined;
}

/** Returns its result directly when it needs no I/O (the hot path), a promise when it does. */
export type Handler = (service: Service, input: HandlerInput) => HandlerResult | Promise<HandlerResult>;

export function rejected(error: AwsError, instanceId?: string): HandlerResult {
  const outcome: Outcome = error.status === 404 || error.status === 410 ? 'not-found' : error.status === 429 ? 'throttled' : 'rejected';
  return instanceId === undefined ? { ok: false, error, outcome } : { ok: false, error, outcome, instanceId };
}
