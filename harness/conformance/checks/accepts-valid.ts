import { pass, fail } from '../check.ts';
import { propertyCheck } from '../property-check.ts';
import { describeAnswer, sendStart } from '../send-case.ts';
import { coverageCases } from '../../../properties/coverage/index.ts';
import { validCases } from './case-arbitraries.ts';

export const acceptsValid = propertyCheck({
  name: 'accepts-valid',
  description: 'every request the contract allows is accepted (200)',
  arbitrary: validCases,
  coverage: ({ target }) => coverageCases({ instanceId: target.instanceId, contactFlowId: target.contactFlowId }).valid,
  async judge(request, { target, profile }) {
    const { result, expected } = await sendStart(target, profile, request);
    if (expected.kind === 'rejected') return { verdict: pass, exchange: result.exchange }; // the SDK altered it; rejects-invalid judges such cases
    return { verdict: result.ok ? pass : fail(`valid request refused: ${describeAnswer(result)}`, result.ok ? '' : result.error.name), exchange: result.exchange };
  },
});
