// validate(): every violation of a StartWebRTCContact request, as data. Takes any value.
import { validateShape } from './validate-shape.ts';
import { validateDocumented } from './validate-documented.ts';
import type { Violation } from './violation.ts';

export function validate(input: unknown): Violation[] {
  const out: Violation[] = [];
  validateShape('StartWebRTCContactRequest', input, out);
  validateDocumented(input, out);
  return out;
}
