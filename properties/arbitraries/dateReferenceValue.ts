import fc from 'fast-check';

/** Generator tuning, not a rule (R3 states no range): 2001-09-09 (10 digits) to 2100-01-01 in epoch seconds. */
const SECONDS_10_DIGITS = 1_000_000_000n;
const YEAR_2100 = 4_102_444_800n;

/** A DATE reference value as rule R3 reads it: epoch seconds or epoch milliseconds, in decimal digits. */
export function dateReferenceValue(): fc.Arbitrary<string> {
  const recent = fc.bigInt({ min: SECONDS_10_DIGITS, max: YEAR_2100 });
  const seconds = fc.oneof(recent, fc.constant(0n), fc.bigInt({ min: 0n, max: YEAR_2100 }));
  return fc.oneof(
    seconds.map(String),
    fc.tuple(recent, fc.bigInt({ min: 0n, max: 999n })).map(([s, ms]) => String(s * 1000n + ms)),
  );
}
