// The public face of the runtime-neutral SigV4 signer and verifier. Crypto comes from an adapter:
// harness/platform/node-crypto.ts under Node, scenarios/lib/k6-crypto.ts under k6.
export type { Sigv4Crypto } from './crypto.ts';
export type { Credentials, HeaderRecord } from './types.ts';
export type { QueryRecord } from './canonical-query.ts';
export { signRequest, type SignRequestInput, type SigningHeaders } from './sign.ts';
export { verifyRequest, type VerifyRequestInput } from './verify.ts';
export type { VerifyFailure, VerifyFailureReason, VerifyResult, VerifySuccess } from './verify-result.ts';
export {
  createSigningKeyCache,
  DEFAULT_SIGNING_KEY_CACHE_CAPACITY,
  type SigningKeyCache,
} from './signing-key.ts';
export { DEFAULT_MAX_SKEW_MS, EMPTY_SHA256, UNSIGNED_PAYLOAD } from './constants.ts';
export { canonicalPath } from './canonical-path.ts';
export { canonicalQuery } from './canonical-query.ts';
export { formatAmzDate, parseAmzDate } from './amz-date.ts';
