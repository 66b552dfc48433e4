// The last two steps every SigV4 signature shares, used by both the signer and the verifier so the
// two cannot drift apart: canonical request -> string to sign -> HMAC with the derived key.
import { ALGORITHM, SCOPE_TERMINATOR } from './constants.ts';
import type { Sigv4Crypto } from './crypto.ts';

export function credentialScope(shortDate: string, region: string, service: string): string {
  return shortDate + '/' + region + '/' + service + '/' + SCOPE_TERMINATOR;
}

/**
 * `headerLines` are the `name:value` lines in signed-header order; `signedHeaders` is the same
 * names joined by `;`. Laid out as @smithy/signature-v4 lays it out, including the blank line.
 */
export function canonicalRequest(
  method: string,
  uri: string,
  query: string,
  headerLines: readonly string[],
  signedHeaders: string,
  payloadHash: string,
): string {
  return method + '\n' + uri + '\n' + query + '\n' + headerLines.join('\n') + '\n\n' + signedHeaders + '\n' + payloadHash;
}

/** Lowercase hex signature of a canonical request. */
export function signCanonicalRequest(
  crypto: Sigv4Crypto,
  signingKey: unknown,
  amzDate: string,
  scope: string,
  request: string,
): string {
  return crypto.hmacHex(signingKey, ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + crypto.sha256Hex(request));
}
