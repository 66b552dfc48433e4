// SigV4 names and fixed values, spelled as AWS and @smithy/signature-v4 spell them.

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const SCOPE_TERMINATOR = 'aws4_request';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** SHA-256 of zero bytes: the payload hash of a request without a body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** AWS rejects requests dated further than this from its clock, in either direction. */
export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;
/** AWS caps presigned URLs at one week. */
export const MAX_PRESIGNED_EXPIRES_S = 7 * 24 * 60 * 60;

/**
 * Headers @smithy/signature-v4 never signs (ALWAYS_UNSIGNABLE_HEADERS): proxies and clients rewrite
 * them in transit (user-agent, connection...), or they carry the signature itself. Names starting
 * with `proxy-` or `sec-` are skipped too (see isUnsignableHeader).
 */
const ALWAYS_UNSIGNABLE: ReadonlySet<string> = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

/** `lowerName` must already be lowercase. */
export function isUnsignableHeader(lowerName: string): boolean {
  return ALWAYS_UNSIGNABLE.has(lowerName) || lowerName.startsWith('proxy-') || lowerName.startsWith('sec-');
}
