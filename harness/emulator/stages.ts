// The request-path stages a caller may replace from outside: validation, the ClientToken a start is
// deduplicated by, and signature verification. A test that needs a broken emulator (to prove the
// conformance suite catches a service that misbehaves) passes `replaceStages` and wraps the real
// stage; the request path calls whatever stage it was given and never asks why, so no production
// file branches on a test hook. Deliberately broken replacements live with the tests
// (test/support/defects.ts).
import { validate, type Violation } from '../contract/index.ts';
import { verifyRequest, type VerifyRequestInput, type VerifyResult } from '../sigv4/index.ts';

export interface RequestStages {
  /** Every violation of a StartWebRTCContact body, judged with the profile's limits. */
  readonly validate: (body: unknown, limits: Parameters<typeof validate>[1]) => Violation[];
  /** The ClientToken a start is deduplicated by; undefined (or "") for none. */
  readonly deduplicationToken: (clientToken: string | undefined) => string | undefined;
  /** SigV4 verification of a request. */
  readonly verify: (input: VerifyRequestInput) => VerifyResult;
}

export const realStages: RequestStages = {
  validate,
  deduplicationToken: (clientToken) => clientToken,
  verify: verifyRequest,
};

/** Given the real stages, the ones to use instead (the rest stay real). */
export type ReplaceStages = (real: RequestStages) => Partial<RequestStages>;

export function resolveStages(replace: ReplaceStages | undefined): RequestStages {
  return replace ? { ...realStages, ...replace(realStages) } : realStages;
}
