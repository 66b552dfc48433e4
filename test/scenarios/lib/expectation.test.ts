// judge: an answer against the corpus expectation, every branch.
import { describe, expect, it } from 'vitest';
import type { StartResult } from '../../../scenarios/lib/classify.ts';
import type { Expected } from '../../../scenarios/lib/corpus.ts';
import { judge, ruleTag } from '../../../scenarios/lib/expectation.ts';

const result = (outcome: StartResult['outcome'], status: number, errorName?: string): StartResult => ({ outcome, status, errorName, errorTag: 'x', contactId: undefined, durationMs: 1 });
const rejected: Expected = { outcome: 'rejected', rules: ['length'], allowedErrors: ['InvalidParameterException', 'InvalidRequestException'], status: 400 };

describe('judge', () => {
  it('an expected acceptance matches only an acceptance', () => {
    expect(judge({ outcome: 'accepted' }, result('accepted', 200))).toEqual({ judged: true, matched: true });
    expect(judge({ outcome: 'accepted' }, result('rejected', 400, 'InvalidParameterException'))).toEqual({ judged: true, matched: false });
    expect(judge({ outcome: 'accepted' }, result('unexpected', 200))).toEqual({ judged: true, matched: false });
  });

  it('an expected rejection needs its status and one of its allowed errors', () => {
    expect(judge(rejected, result('rejected', 400, 'InvalidRequestException'))).toEqual({ judged: true, matched: true });
    expect(judge(rejected, result('rejected', 400, 'AccessDeniedException'))).toEqual({ judged: true, matched: false });
    expect(judge(rejected, result('rejected', 400))).toEqual({ judged: true, matched: false });
    expect(judge(rejected, result('rejected', 404, 'InvalidParameterException'))).toEqual({ judged: true, matched: false });
    expect(judge(rejected, result('accepted', 200))).toEqual({ judged: true, matched: false });
  });

  it('a throttle, a fault or no answer is not a verdict', () => {
    for (const outcome of ['throttled', 'server-error', 'network-error'] as const) expect(judge(rejected, result(outcome, 0))).toEqual({ judged: false });
  });

  it('tags the case with its first rule, or valid', () => {
    expect(ruleTag(rejected)).toBe('length');
    expect(ruleTag({ outcome: 'accepted' })).toBe('valid');
  });
});
