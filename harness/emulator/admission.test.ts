// The admission decision on its own, with arrival times given (no clock read, no timer waited for):
// each bound sheds past its limit with the profile's `overloaded` error, and 0 turns a bound off.
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../contract/index.ts';
import { Admission, RETRY_AFTER_SECONDS } from './admission.ts';

const overloaded = defaultProfile.entries.overloaded;

describe('Admission', () => {
  it('admits up to maxInFlight requests in progress (the new one counted) and sheds beyond', () => {
    const admission = new Admission({ maxPerTurn: 0, maxInFlight: 20, maxEventLoopDelayMs: 0 }, defaultProfile);
    expect(admission.check(20, 0)).toBeUndefined();
    const error = admission.check(21, 0);
    expect(error).toMatchObject({ name: overloaded.error, status: 503, condition: 'overloaded' });
    expect(error?.message).toContain('21 requests in progress, bound 20');
    expect(error?.message).toContain(`retry after ${RETRY_AFTER_SECONDS} s`);
    expect(admission.shed).toBe(1);
  });

  it('admits maxPerTurn requests in one event-loop turn, sheds the rest of that turn, and admits again the next turn', async () => {
    const admission = new Admission({ maxPerTurn: 3, maxInFlight: 0, maxEventLoopDelayMs: 0 }, defaultProfile);
    for (let i = 0; i < 3; i++) expect(admission.check(1, 0)).toBeUndefined();
    const error = admission.check(1, 0);
    expect(error).toMatchObject({ status: 503, condition: 'overloaded' });
    expect(error?.message).toContain('3 requests admitted this event-loop turn, bound 3');
    expect(admission.check(1, 0)).toBeDefined();
    expect(admission.shed).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 3; i++) expect(admission.check(1, 0)).toBeUndefined();
    expect(admission.check(1, 0)).toBeDefined();
  });

  it('a request shed by another bound does not use up the turn', () => {
    const admission = new Admission({ maxPerTurn: 2, maxInFlight: 5, maxEventLoopDelayMs: 0 }, defaultProfile);
    expect(admission.check(6, 0)).toBeDefined();
    expect(admission.check(6, 0)).toBeDefined();
    expect(admission.check(1, 0)).toBeUndefined();
    expect(admission.check(1, 0)).toBeUndefined();
    expect(admission.check(1, 0)).toBeDefined();
  });

  it('maxInFlight 0 is no bound', () => {
    const admission = new Admission({ maxPerTurn: 0, maxInFlight: 0, maxEventLoopDelayMs: 0 }, defaultProfile);
    expect(admission.check(1_000_000, 0)).toBeUndefined();
    expect(admission.shed).toBe(0);
  });

  it('sheds while its delay timer is overdue by more than maxEventLoopDelayMs, and admits again on time', () => {
    const admission = new Admission({ maxPerTurn: 0, maxInFlight: 0, maxEventLoopDelayMs: 100 }, defaultProfile);
    const t0 = performance.now();
    // The first request arms the timer (due 20 ms later); a request 50 ms later finds it 30 ms late.
    expect(admission.check(1, t0)).toBeUndefined();
    expect(admission.check(1, t0 + 50)).toBeUndefined();
    // 400 ms later without the timer having fired: the loop is about 380 ms late.
    const error = admission.check(1, t0 + 400);
    expect(error).toMatchObject({ status: 503, condition: 'overloaded' });
    expect(error?.message).toMatch(/event loop 38\d ms late, bound 100 ms/);
    expect(admission.shed).toBe(1);
  });

  it('maxEventLoopDelayMs 0 is no bound, however late the loop', () => {
    const admission = new Admission({ maxPerTurn: 0, maxInFlight: 0, maxEventLoopDelayMs: 0 }, defaultProfile);
    expect(admission.check(1, 0)).toBeUndefined();
    expect(admission.check(1, 1e9)).toBeUndefined();
  });

  it('takes the error from the profile it was given', () => {
    const profile = { ...defaultProfile, entries: { ...defaultProfile.entries, overloaded: { ...overloaded, error: 'ThrottlingException', status: 429, message: 'Rate exceeded ({reason})' } } };
    const admission = new Admission({ maxPerTurn: 0, maxInFlight: 1, maxEventLoopDelayMs: 0 }, profile);
    expect(admission.check(2, 0)).toMatchObject({ name: 'ThrottlingException', status: 429, message: 'Rate exceeded (2 requests in progress, bound 1)' });
  });
});
