// Measured with TextEncoder, not the contract's utf8ByteLength: a generator that measured with the
// validator's own function would agree with it even when both are wrong.
const encoder = new TextEncoder();

/** UTF-8 bytes of s (a lone surrogate counts as the 3 bytes of U+FFFD, as on the wire). */
export function utf8Bytes(s: string): number {
  return encoder.encode(s).byteLength;
}
