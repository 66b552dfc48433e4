// Service behaviour that is not a request constraint: quotas and the idempotency window.
// docs/contract.md §6 and §7; [D] documented, [A] assumed.

export const quotas = {
  /** StartWebRTCContact API rate per account and region (Service Quotas L-5CFC10A5) [D]. */
  startWebRTCContact: { ratePerSecond: 2, burst: 5, quotaCode: 'L-5CFC10A5' },
  /** DescribeContact, GetContactAttributes, StopContact [D]. */
  contactReads: { ratePerSecond: 10, burst: 15 },
  /** Concurrent active calls per instance, phone and WebRTC together [D]. */
  concurrentActiveCallsPerInstance: 10,
} as const;

export const idempotency = {
  /** "valid for 7 days after creation" [D]. */
  windowMs: 7 * 24 * 60 * 60 * 1000,
} as const;

/**
 * How many objects and arrays deep, counted from the request itself, a request may nest before it
 * is refused [A]. Only SegmentAttributeValue (ValueMap / ValueList inside each other) can get there;
 * the model sets no bound, but every real JSON parser has one.
 */
export const maxNestingDepth = 32;

/**
 * The bounds this project assumes where AWS states none [A]. A fidelity profile carries them
 * (profile.ts `limits`), so a profile observed on the real service can raise one or switch it off
 * (null); these are the defaults.
 */
export interface AssumedLimits {
  /** See maxNestingDepth; null: no limit. */
  readonly nestingDepth: number | null;
}

export const assumedLimits: AssumedLimits = Object.freeze({ nestingDepth: maxNestingDepth });

/** The names a profile file may give under "limits". */
export const assumedLimitNames: readonly (keyof AssumedLimits)[] = ['nestingDepth'];

/** Smithy `integer` is 32-bit signed. */
export const int32 = { min: -(2 ** 31), max: 2 ** 31 - 1 } as const;
