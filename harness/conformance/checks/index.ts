import type { Check } from '../check.ts';
import { acceptsValid } from './accepts-valid.ts';
import { rejectsInvalid } from './rejects-invalid.ts';
import { errorShape } from './error-shape.ts';
import { responseSchema } from './response-schema.ts';
import { idempotentReplay } from './idempotent-replay.ts';
import { concurrentDuplicates } from './concurrent-duplicates.ts';
import { attributeRoundTrip } from './attribute-round-trip.ts';
import { describeContact } from './describe-contact.ts';
import { authEnforced } from './auth-enforced.ts';
import { throttling } from './throttling.ts';

/** Every check, in run order. Throttling runs last: it spends the target's rate quota. */
export const allChecks: readonly Check[] = [
  acceptsValid,
  rejectsInvalid,
  errorShape,
  responseSchema,
  idempotentReplay,
  concurrentDuplicates,
  attributeRoundTrip,
  describeContact,
  authEnforced,
  throttling,
];
