// `host;x-amz-date;...`: the SignedHeaders list, from an Authorization header or X-Amz-SignedHeaders.

// An HTTP token (RFC 9110), lowercase: the signer lowercases every name it signs.
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/** The names in the order given (they are signed in that order), or why the list is unusable. */
export function parseSignedHeaders(text: string): readonly string[] | string {
  const names = text.split(';');
  for (const name of names) {
    if (!HEADER_NAME.test(name)) return "SignedHeaders must be lowercase header names separated by ';'.";
  }
  if (!names.includes('host')) return "SignedHeaders must include 'host'.";
  return names;
}
