import { validate } from '../../contract/index.ts';
import { pass, fail } from '../check.ts';
import { propertyCheck } from '../property-check.ts';
import { describeAnswer, sendStart } from '../send-case.ts';
import { invalidCases } from './case-arbitraries.ts';

export const rejectsInvalid = propertyCheck({
  name: 'rejects-invalid',
  description: 'every request breaking a rule is refused with a 4xx error the fidelity profile allows for that rule',
  arbitrary: invalidCases,
  tagOf: ({ tag }) => ({ rule: tag.rule, path: tag.path, class: tag.class }),
  async judge({ request, tag }, { target, profile }) {
    const { result, expected } = await sendStart(target, profile, request);
    const exchange = result.exchange;
    if (expected.kind === 'accepted') {
      // The SDK sent something valid (it drops nulls and unknown members): then it must be accepted.
      return { verdict: result.ok ? pass : fail(`the request as sent is valid, but was refused: ${describeAnswer(result)}`), exchange };
    }
    // Re-checked on every case, so a shrunk counterexample that stopped breaking its rule says so.
    const stillTagged = validate(request).some((v) => v.rule === tag.rule && v.path === tag.path);
    const why = `breaks ${expected.rules.join(', ')}${stillTagged ? '' : ` (no longer its tagged ${tag.rule} at ${tag.path})`}`;
    if (result.ok) return { verdict: fail(`accepted a request that ${why}`), exchange };
    const { status, name } = result.error;
    if (status === undefined || status < 400 || status > 499) return { verdict: fail(`answered ${describeAnswer(result)} to a request that ${why}; expected a 4xx`), exchange };
    if (!expected.allowed.includes(name)) {
      return { verdict: fail(`answered ${name} to a request that ${why}; the profile allows ${expected.allowed.join(', ')}`), exchange };
    }
    return { verdict: pass, exchange };
  },
});
