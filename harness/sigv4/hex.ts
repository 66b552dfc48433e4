// Speed-tuned: guarded by `npm run bench -- sigv4`.
// A character loop instead of a regular expression: both checks run on every request a verifier sees.

/** Exactly 64 characters of 0-9 a-f (A-F too when `anyCase`). */
export function isHex64(text: string, anyCase = false): boolean {
  if (text.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (anyCase && c >= 65 && c <= 70)) continue;
    return false;
  }
  return true;
}
