// A request repeated with its ClientToken returns the original response (docs/contract.md §6): the
// same ContactId is documented; the same body (participant token, meeting) is assumed, so a replay
// that differs only there is a divergence. Sequential: the concurrent case has its own check.
import { lastResponse } from '../../targets/exchange.ts';
import { diverge, fail, pass } from '../check.ts';
import { propertyCheck } from '../property-check.ts';
import { refused } from '../send-case.ts';
import { freshValidCases, withFreshToken } from './case-arbitraries.ts';

export const idempotentReplay = propertyCheck({
  name: 'idempotent-replay',
  description: 'a repeated ClientToken returns the same ContactId and the same response body',
  arbitrary: freshValidCases,
  runsFactor: 0.3,
  async judge(generated, { target }) {
    const request = withFreshToken(generated);
    const first = await target.call('StartWebRTCContact', request);
    if (!first.ok) return refused('first start', first);
    const replay = await target.call('StartWebRTCContact', request);
    const exchange = replay.exchange;
    if (!replay.ok) return refused('replay', replay);
    if (replay.output.ContactId !== first.output.ContactId) {
      return { verdict: fail('replay started another contact (a different ContactId)', 'another ContactId'), exchange };
    }
    if (lastResponse(replay.exchange)?.body !== lastResponse(first.exchange)?.body) {
      return { verdict: diverge('replay returned the same ContactId but a different body; the same body is an assumption of this project (docs/contract.md §6)', 'another body'), exchange };
    }
    return { verdict: pass, exchange };
  },
});
