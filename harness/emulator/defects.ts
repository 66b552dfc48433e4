// Deliberate defects, for proving that the conformance suite catches a misbehaving service (the
// tests run the suite against an emulator with one of these on and expect the right check to fail).
// Never on by default; the command line does not offer them.
export const defects = [
  /** Accepts attribute maps over the 32,768-byte budget (rule A1). */
  'accept-oversized-attributes',
  /** Accepts ATTACHMENT and other non-creation reference types (rule R1). */
  'accept-attachment-at-creation',
  /** Starts a new contact for a replayed ClientToken. */
  'new-contact-on-replay',
  /** Answers a missing DisplayName with 500 instead of a 400. */
  'missing-display-name-500',
  /** Accepts any signature, while still requiring an Authorization header to be present. */
  'ignore-signature',
] as const;

export type Defect = (typeof defects)[number];
