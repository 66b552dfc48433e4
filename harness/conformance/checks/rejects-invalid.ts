import { isEvidence, validate } from '../../contract/index.ts';
import { coverageCases } from '../../../properties/coverage/index.ts';
import { lastResponse } from '../../targets/exchange.ts';
import { errorTypeOf } from '../auth-refusal.ts';
import { departs, fail, pass } from '../check.ts';
import { propertyCheck } from '../property-check.ts';
import { describeAnswer, sendStart } from '../send-case.ts';
import { invalidCases } from './case-arbitraries.ts';

export const rejectsInvalid = propertyCheck({
  name: 'rejects-invalid',
  description: 'every request breaking a rule is refused with a 4xx error the fidelity profile allows for that rule',
  arbitrary: invalidCases,
  coverage: ({ target }) => coverageCases({ instanceId: target.instanceId, contactFlowId: target.contactFlowId }).invalid,
  tagOf: ({ tag }) => ({ rule: tag.rule, path: tag.path, class: tag.class }),
  async judge({ request, tag }, { target, profile }) {
    const { result, expected } = await sendStart(target, profile, request);
    const exchange = result.exchange;
    if (expected.kind === 'accepted') {
      // The SDK sent something valid (it drops nulls and unknown members): then it must be accepted.
      return { verdict: result.ok ? pass : fail(`the request as sent is valid, but was refused: ${describeAnswer(result)}`, result.error.name), exchange };
    }
    // Re-checked on every case, so a shrunk counterexample that stopped breaking its rule says so.
    const stillTagged = validate(request).some((v) => v.rule === tag.rule && v.path === tag.path);
    const why = `breaks ${expected.rules.join(', ')}${stillTagged ? '' : ` (no longer its tagged ${tag.rule} at ${tag.path})`}`;
    const assumed = ' (an assumption of this project, docs/contract.md §9)';
    if (result.ok) {
      const evidence = isEvidence(expected.refusal);
      return { verdict: departs(evidence, `accepted a request that ${why}${evidence ? '' : `; refusing it is assumed${assumed}`}`, 'accepted'), exchange };
    }
    const { status } = result.error;
    // The name on the wire: when the error body is not JSON the SDK names a SyntaxError instead
    // (error-shape reports the body; this check judges the name).
    const response = lastResponse(exchange);
    const name = (response && errorTypeOf(response.headers)) ?? result.error.name;
    // A 5xx, or any status outside 4xx, is wrong whatever was assumed.
    if (status === undefined || status < 400 || status > 499) {
      return { verdict: fail(`answered ${describeAnswer(result)} to a request that ${why}; expected a 4xx`, status !== undefined && status >= 500 ? '5xx' : `status ${status}`), exchange };
    }
    if (!expected.allowed.includes(name)) {
      const evidence = isEvidence(expected.naming);
      const reason = `answered ${status} ${name} to a request that ${why}; the profile allows ${expected.allowed.join(', ')}`;
      return { verdict: departs(evidence, `${reason}${evidence ? '' : `; the error name is assumed${assumed}`}`, name), exchange };
    }
    return { verdict: pass, exchange };
  },
});
