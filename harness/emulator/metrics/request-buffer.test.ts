import { describe, expect, it } from 'vitest';
import { RequestBuffer } from './request-buffer.ts';

describe('RequestBuffer', () => {
  it('holds at most its capacity and refuses the rest', () => {
    const buffer = new RequestBuffer(3);
    expect([1, 2, 3, 4, 5].map((n) => buffer.push(0, n, n, 0))).toEqual([true, true, true, false, false]);
    expect(buffer.size).toBe(3);
    expect(buffer.maxSize).toBe(3);
  });

  it('drains oldest first, in pieces, across the wrap-around, with every number intact', () => {
    const buffer = new RequestBuffer(4);
    for (const n of [1, 2, 3]) buffer.push(n, n + 0.5, 1_795_000_000_000 + n, n * 1000 + 7);
    const seen: number[][] = [];
    expect(buffer.drain(2, (...point) => seen.push(point))).toBe(2);
    for (const n of [4, 5, 6]) buffer.push(n, n + 0.5, 1_795_000_000_000 + n, n * 1000 + 7);
    buffer.drain(10, (...point) => seen.push(point));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, n + 0.5, 1_795_000_000_000 + n, n * 1000 + 7]));
    expect(buffer.size).toBe(0);
  });
});
