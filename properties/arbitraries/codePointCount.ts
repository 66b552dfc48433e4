// Independent of the contract's codePointLength, for the same reason as utf8Bytes.

/** Unicode code points of s; string iteration yields one per scalar value (and per lone surrogate). */
export function codePointCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
