// validate(): every violation of a StartWebRTCContact request, as data. Takes any value.
import { validateShape, type ValidateOptions } from './validate-shape.ts';
import { validateDocumented } from './validate-documented.ts';
import type { Violation } from './violation.ts';

/**
 * `options.nestingDepth`: the nesting bound (limits.ts's maxNestingDepth when absent, null for none);
 * pass a fidelity profile's `limits` to judge as that profile says.
 */
export function validate(input: unknown, options?: ValidateOptions): Violation[] {
  const out: Violation[] = [];
  validateShape('StartWebRTCContactRequest', input, out, options);
  validateDocumented(input, out);
  return out;
}
