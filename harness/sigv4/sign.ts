// signRequest(): the Authorization header and its companions for one request, computed the way the
// AWS SDK for JavaScript v3 computes them for a non-S3 service (@smithy/signature-v4 with
// uriEscapePath: true), synchronously and without cloning the request.
import { canonicalHeaderValue } from './canonical-header-value.ts';
import { canonicalPath } from './canonical-path.ts';
import { canonicalQuery, type QueryRecord } from './canonical-query.ts';
import { ALGORITHM, EMPTY_SHA256, isUnsignableHeader } from './constants.ts';
import type { Sigv4Crypto } from './crypto.ts';
import { formatAmzDate } from './amz-date.ts';
import { canonicalRequest, credentialScope, signCanonicalRequest } from './signature.ts';
import { defaultSigningKeyCache, signingKey, type SigningKeyCache } from './signing-key.ts';
import type { Credentials } from './types.ts';

export interface SignRequestInput {
  readonly method: string;
  /** The path exactly as it goes on the wire, already percent-encoded, e.g. `/contact/webrtc`. */
  readonly path: string;
  /** The query as it goes on the wire (no leading `?`), or parameters by decoded name. */
  readonly query?: string | QueryRecord;
  /** Headers to send, in any case. Must hold `host`. `date`, `x-amz-date` and `authorization` are
   * replaced by the signature (the SDK drops them too); an `x-amz-content-sha256` given here is
   * signed as the payload hash instead of hashing the body. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body as text; it is hashed as UTF-8. Omit for no body. */
  readonly body?: string;
  /** The hex SHA-256 of the body, when the caller has it already (a binary body, say). */
  readonly bodySha256?: string;
  readonly region: string;
  /** The signing name, `connect` for Amazon Connect. */
  readonly service: string;
  readonly credentials: Credentials;
  /** When the request is signed: a Date or epoch milliseconds. Default: now. */
  readonly date?: Date | number;
  readonly crypto: Sigv4Crypto;
  /** Send and sign `x-amz-content-sha256`, as the SDK does by default. Default true. */
  readonly applyChecksum?: boolean;
  /** Where derived keys are kept. Default: one bounded cache per crypto adapter. */
  readonly keyCache?: SigningKeyCache;
}

/** The headers to add to the request (replacing any of the same name, in any case). */
export interface SigningHeaders {
  readonly authorization: string;
  readonly 'x-amz-date': string;
  readonly 'x-amz-content-sha256'?: string;
  readonly 'x-amz-security-token'?: string;
}

export function signRequest(input: SignRequestInput): SigningHeaders {
  const { crypto, credentials, headers } = input;
  const amzDate = formatAmzDate(input.date ?? Date.now());
  const shortDate = amzDate.slice(0, 8);
  const scope = credentialScope(shortDate, input.region, input.service);
  const token = credentials.sessionToken;

  // Sorting the given names first makes the later of two same-named headers (`Host`, `host`) win,
  // as it does in @smithy/signature-v4.
  const names = Object.keys(headers).sort();
  const canonical = new Map<string, string>();
  let givenPayloadHash: string | undefined;
  for (const name of names) {
    const value = headers[name];
    if (value === undefined || value === null) continue;
    const lower = name.toLowerCase();
    if (lower === 'x-amz-date' || lower === 'date' || isUnsignableHeader(lower)) continue;
    if (lower === 'x-amz-security-token' && token) continue;
    if (lower === 'x-amz-content-sha256' && givenPayloadHash === undefined) givenPayloadHash = value;
    canonical.set(lower, canonicalHeaderValue(value));
  }
  if (!canonical.has('host')) throw new Error('signRequest: headers must include host (SigV4 always signs it)');

  const payloadHash =
    givenPayloadHash ?? input.bodySha256 ?? (input.body === undefined ? EMPTY_SHA256 : crypto.sha256Hex(input.body));
  const out: { -readonly [K in keyof SigningHeaders]: SigningHeaders[K] } = { authorization: '', 'x-amz-date': amzDate };
  canonical.set('x-amz-date', amzDate);
  if (token) {
    canonical.set('x-amz-security-token', canonicalHeaderValue(token));
    out['x-amz-security-token'] = token;
  }
  if (givenPayloadHash === undefined && input.applyChecksum !== false) {
    canonical.set('x-amz-content-sha256', payloadHash);
    out['x-amz-content-sha256'] = payloadHash;
  }

  const signed = [...canonical.keys()].sort();
  const lines = signed.map((name) => name + ':' + (canonical.get(name) as string));
  const signedHeaders = signed.join(';');
  const request = canonicalRequest(
    input.method,
    canonicalPath(input.path),
    canonicalQuery(input.query),
    lines,
    signedHeaders,
    payloadHash,
  );
  const key = signingKey(
    crypto,
    input.keyCache ?? defaultSigningKeyCache(crypto),
    credentials.secretAccessKey,
    shortDate,
    input.region,
    input.service,
  );
  const signature = signCanonicalRequest(crypto, key, amzDate, scope, request);
  out.authorization =
    `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return out;
}
