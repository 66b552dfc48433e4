// Signature comparison whose time does not depend on where the strings first differ, so a client
// cannot discover a valid signature one character at a time by timing rejections.

export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false; // lengths are public: both are 64 hex digits here
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
