// Speed-tuned: guarded by `npm run bench -- sigv4`.
// verifyRequest(): a server's check of a SigV4-signed request (Authorization header or presigned
// query), canonicalising the request as received exactly as signRequest() and the AWS SDK do when
// they sign it. Returns data, never throws on whatever a client sends.
import { parseAmzDate } from './amz-date.ts';
import { canonicalHeaderValue } from './canonical-header-value.ts';
import { canonicalPath } from './canonical-path.ts';
import { canonicalQueryFromWire } from './canonical-query.ts';
import { constantTimeEqual } from './constant-time.ts';
import { DEFAULT_MAX_SKEW_MS, UNSIGNED_PAYLOAD } from './constants.ts';
import type { Sigv4Crypto } from './crypto.ts';
import { parseAuthorization, type ParsedAuthorization } from './parse-authorization.ts';
import { decodeQueryParams, isPresigned, parsePresignedQuery } from './parse-presigned-query.ts';
import { canonicalRequest, credentialScope, signCanonicalRequest } from './signature.ts';
import { defaultSigningKeyCache, signingKey, type SigningKeyCache } from './signing-key.ts';
import type { HeaderRecord } from './types.ts';
import {
  dateScopeMismatch,
  expiredMessage,
  failure,
  MESSAGES,
  notYetCurrentMessage,
  type VerifyResult,
} from './verify-result.ts';

export interface VerifyRequestInput {
  readonly method: string;
  /** The request target as received (`req.url`): the path, and the query after `?` unless `query` is given. */
  readonly path: string;
  /** The raw query as received, without `?`. When given, `path` is taken to hold no query. */
  readonly query?: string;
  /** Lowercase names (Node's IncomingMessage.headers); repeated headers joined, as Node joins them. */
  readonly headers: HeaderRecord;
  /** Lowercase hex SHA-256 of the body bytes as received (of zero bytes when there is no body). */
  readonly bodySha256: string;
  /** The server clock, epoch milliseconds. */
  readonly now: number;
  readonly lookupSecret: (accessKeyId: string) => string | undefined;
  readonly crypto: Sigv4Crypto;
  /** How far the signing date may stray from `now`, either way; exactly this far is accepted. Default 15 min. */
  readonly maxSkewMs?: number;
  /** When given, a credential scoped to another region or service fails as `signature-mismatch`, as on AWS. */
  readonly region?: string;
  readonly service?: string;
  /** Accept `x-amz-content-sha256: UNSIGNED-PAYLOAD` (the body then goes unchecked). Default true. */
  readonly allowUnsignedPayload?: boolean;
  readonly keyCache?: SigningKeyCache;
}

const NO_PARAMS: ReadonlyMap<string, string> = new Map();

export function verifyRequest(input: VerifyRequestInput): VerifyResult {
  const { headers, crypto, now } = input;
  let path = input.path;
  let query = input.query;
  if (query === undefined) {
    const q = path.indexOf('?');
    query = q < 0 ? '' : path.slice(q + 1);
    if (q >= 0) path = path.slice(0, q);
  }

  const authorization = header(headers, 'authorization');
  const params = query.length > 0 ? decodeQueryParams(query) : NO_PARAMS;
  const presigned = isPresigned(params);
  let parsed: ParsedAuthorization;
  let amzDate: string | undefined;
  let expiresSeconds: number | undefined;
  let sessionToken = header(headers, 'x-amz-security-token');
  let declaredHash = header(headers, 'x-amz-content-sha256');
  if (authorization === undefined) {
    if (!presigned) return failure('missing-authorization', MESSAGES.missing);
    const p = parsePresignedQuery(params);
    if (typeof p === 'string') return failure('malformed-authorization', p);
    parsed = p;
    amzDate = p.amzDate;
    expiresSeconds = p.expiresSeconds;
    if (sessionToken === undefined) sessionToken = p.sessionToken;
    if (declaredHash === undefined) declaredHash = p.contentSha256;
  } else {
    if (presigned) return failure('malformed-authorization', MESSAGES.twoMechanisms);
    const p = parseAuthorization(authorization);
    if (typeof p === 'string') return failure('malformed-authorization', p);
    parsed = p;
    amzDate = header(headers, 'x-amz-date');
    if (amzDate === undefined) return failure('malformed-authorization', MESSAGES.missingDate);
  }

  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined) return failure('malformed-authorization', MESSAGES.badDate);
  const { scope } = parsed;
  if (scope.shortDate !== amzDate.slice(0, 8)) {
    return failure('malformed-authorization', dateScopeMismatch(scope.shortDate, amzDate));
  }
  if (input.region !== undefined && scope.region !== input.region) {
    return failure('signature-mismatch', `Credential should be scoped to a valid region, not '${scope.region}'.`);
  }
  if (input.service !== undefined && scope.service !== input.service) {
    return failure('signature-mismatch', `Credential should be scoped to correct service: '${input.service}'.`);
  }

  const secret = input.lookupSecret(scope.accessKeyId);
  if (secret === undefined) return failure('unknown-access-key', MESSAGES.unknownKey);

  const maxSkewMs = input.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (signedAt - now > maxSkewMs) return failure('expired', notYetCurrentMessage(amzDate, now, maxSkewMs));
  if (expiresSeconds !== undefined) {
    // A presigned URL lives for X-Amz-Expires, which may well exceed the clock-skew window.
    if (now - signedAt > expiresSeconds * 1000) return failure('expired', MESSAGES.presignedExpired);
  } else if (now - signedAt > maxSkewMs) {
    return failure('expired', expiredMessage(amzDate, now, maxSkewMs));
  }

  const names = parsed.signedHeaderNames;
  const lines: string[] = new Array<string>(names.length);
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    lines[i] = name + ':' + canonicalHeaderValue(header(headers, name) ?? '');
  }
  const request = canonicalRequest(
    input.method,
    canonicalPath(path),
    canonicalQueryFromWire(query),
    lines,
    parsed.signedHeaders,
    declaredHash ?? input.bodySha256,
  );
  const key = signingKey(crypto, input.keyCache ?? defaultSigningKeyCache(crypto), secret, scope.shortDate, scope.region, scope.service);
  const expected = signCanonicalRequest(crypto, key, amzDate, credentialScope(scope.shortDate, scope.region, scope.service), request);
  if (!constantTimeEqual(expected, parsed.signature)) return failure('signature-mismatch', MESSAGES.mismatch);

  // A valid signature over a false hash is still a valid signature: the body is checked on its own.
  if (declaredHash !== undefined) {
    const unsigned = declaredHash === UNSIGNED_PAYLOAD && input.allowUnsignedPayload !== false;
    if (!unsigned && declaredHash.toLowerCase() !== input.bodySha256.toLowerCase()) {
      return failure('content-hash-mismatch', MESSAGES.contentHash);
    }
  }

  const success = {
    ok: true as const,
    accessKeyId: scope.accessKeyId,
    region: scope.region,
    service: scope.service,
    date: amzDate,
    signedAt,
    signedHeaders: names,
    presigned: authorization === undefined,
  };
  // Added only when present (a spread of an empty object into the literal cost more than the rest).
  return sessionToken === undefined ? success : Object.assign(success, { sessionToken });
}

/** A header by lowercase name; a repeated header (an array) joined with "," as SigV4 joins it. */
function header(headers: HeaderRecord, name: string): string | undefined {
  const value = headers[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return (value as readonly unknown[]).every((v) => typeof v === 'string') ? value.join(',') : undefined;
  return undefined; // absent, or inherited from Object.prototype ("constructor") when headers is a plain object
}
