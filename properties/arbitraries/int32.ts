/**
 * Smithy `integer` is a signed 32-bit integer. The contract's IntegerShape carries no bounds (the
 * validator keeps them private), so they are stated here once, from the Smithy specification.
 */
export const int32 = { min: -(2 ** 31), max: 2 ** 31 - 1 } as const;
