import { describe, expect, it } from 'vitest';
import { nanoseconds, UniqueTimestamps } from './unique-timestamps.ts';

function take(clock: UniqueTimestamps, n: number): string[] {
  return Array.from({ length: n }, () => nanoseconds(clock.next(), clock.lastSubMs));
}

describe('UniqueTimestamps', () => {
  it('never repeats and never goes back, even for thousands of points in one millisecond', () => {
    const clock = new UniqueTimestamps({ slot: 7, now: () => 1_700_000_000_000 });
    const stamps = take(clock, 2500);
    expect(new Set(stamps).size).toBe(stamps.length);
    const asBig = stamps.map(BigInt);
    for (let i = 1; i < asBig.length; i++) expect(asBig[i]! > asBig[i - 1]!).toBe(true);
    // 1000 points fit a millisecond; the rest borrow the next ones.
    expect(stamps[0]).toBe('1700000000000000007');
    expect(stamps[1000]).toBe('1700000000001000007');
  });

  it('stays monotonic when the wall clock steps back', () => {
    let now = 2_000;
    const clock = new UniqueTimestamps({ slot: 0, now: () => now });
    const before = BigInt(take(clock, 1)[0]!);
    now = 1_000;
    expect(BigInt(take(clock, 1)[0]!) > before).toBe(true);
  });

  it('is nanoseconds: milliseconds * 1e6 + the sub-millisecond part, as exact decimal text', () => {
    expect(nanoseconds(1_795_000_000_123, 42)).toBe('1795000000123000042');
    expect(BigInt(nanoseconds(1_795_000_000_123, 999_999))).toBe(1_795_000_000_123n * 1_000_000n + 999_999n);
  });

  it('refuses a slot outside 0..999', () => {
    expect(() => new UniqueTimestamps({ slot: 1000 })).toThrow(/slot/);
  });
});
