// Deliberate defects, for proving that the conformance suite catches a misbehaving service: the
// tests run the suite against an emulator with one of these on and expect the right check to fail.
// Each wraps a real request stage from outside (harness/emulator/stages.ts); the emulator itself
// has no notion of them.
import type { ReplaceStages, RequestStages } from '../../harness/emulator/stages.ts';

const withoutRule =
  (rule: string): ReplaceStages =>
  (real) => ({ validate: (body, limits) => real.validate(body, limits).filter((v) => v.rule !== rule) });

const replacements = {
  /** Accepts attribute maps over the 32,768-byte budget (rule A1). */
  'accept-oversized-attributes': withoutRule('attribute-byte-budget'),
  /** Accepts ATTACHMENT and other non-creation reference types (rule R1). */
  'accept-attachment-at-creation': withoutRule('reference-type-at-creation'),
  /** Starts a new contact for a replayed ClientToken. */
  'new-contact-on-replay': () => ({ deduplicationToken: () => undefined }),
  /** Answers a missing DisplayName with 500 instead of a 400. */
  'missing-display-name-500': (real) => ({
    validate: (body, limits) => {
      const violations = real.validate(body, limits);
      if (violations.some((v) => v.rule === 'required' && v.path === '/ParticipantDetails/DisplayName')) throw new Error('defect missing-display-name-500');
      return violations;
    },
  }),
  /** Accepts any signature, while still requiring an Authorization header to be present. */
  'ignore-signature': (real) => ({
    verify: (input) => {
      const result = real.verify(input);
      if (result.ok || result.reason === 'missing-authorization') return result;
      // The account then is the emulator's first key's (auth.ts falls back to it for an unknown key).
      return { ok: true, accessKeyId: '', region: input.region ?? '', service: 'connect', date: '', signedAt: input.now, signedHeaders: [], presigned: false };
    },
  }),
} satisfies Record<string, ReplaceStages>;

export type Defect = keyof typeof replacements;
export const defects = Object.keys(replacements) as Defect[];

/** Emulator options with the given defects on (none: the real emulator). */
export function withDefects(list: readonly Defect[]): { replaceStages?: ReplaceStages } {
  if (list.length === 0) return {};
  return {
    replaceStages: (real) => {
      let stages: RequestStages = real;
      for (const defect of list) stages = { ...stages, ...replacements[defect](stages) };
      return stages;
    },
  };
}
