import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '../observer.ts';
import { RequestBuffer } from './request-buffer.ts';

const event = (n: number): RequestEvent => ({ operation: 'StartWebRTCContact', outcome: 'accepted', errorName: undefined, condition: undefined, instanceId: undefined, durationMs: n });

describe('RequestBuffer', () => {
  it('holds at most its capacity and refuses the rest', () => {
    const buffer = new RequestBuffer(3);
    expect([1, 2, 3, 4, 5].map((n) => buffer.push(event(n), n, 0))).toEqual([true, true, true, false, false]);
    expect(buffer.size).toBe(3);
    expect(buffer.maxSize).toBe(3);
  });

  it('drains oldest first, in pieces, across the wrap-around', () => {
    const buffer = new RequestBuffer(4);
    for (const n of [1, 2, 3]) buffer.push(event(n), n, n);
    const seen: number[] = [];
    expect(buffer.drain(2, (e) => seen.push(e.durationMs))).toBe(2);
    for (const n of [4, 5, 6]) buffer.push(event(n), n, n);
    buffer.drain(10, (e, ms, sub) => seen.push(e.durationMs * 100 + ms * 10 + sub));
    expect(seen).toEqual([1, 2, 300 + 30 + 3, 400 + 40 + 4, 500 + 50 + 5, 600 + 60 + 6]);
    expect(buffer.size).toBe(0);
  });
});
