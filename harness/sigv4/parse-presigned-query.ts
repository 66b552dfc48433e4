// The X-Amz-* parameters of a presigned request (SigV4 in the query string instead of headers).
import { ALGORITHM, MAX_PRESIGNED_EXPIRES_S } from './constants.ts';
import type { ParsedAuthorization } from './parse-authorization.ts';
import { parseCredential } from './parse-credential.ts';
import { parseSignedHeaders } from './parse-signed-headers.ts';

export interface ParsedPresignedQuery extends ParsedAuthorization {
  readonly amzDate: string;
  /** X-Amz-Expires in seconds, when given. */
  readonly expiresSeconds?: number;
  readonly sessionToken?: string;
  /** X-Amz-Content-Sha256, which the JS SDK hoists from the header when it presigns. */
  readonly contentSha256?: string;
}

/** Decoded parameters by decoded name; the first of repeated names wins. */
export function decodeQueryParams(wire: string): ReadonlyMap<string, string> {
  const params = new Map<string, string>();
  if (wire.length === 0) return params;
  for (const piece of wire.split('&')) {
    if (piece.length === 0) continue;
    const eq = piece.indexOf('=');
    const key = decodeOrUndefined(eq < 0 ? piece : piece.slice(0, eq));
    const value = eq < 0 ? '' : decodeOrUndefined(piece.slice(eq + 1));
    if (key !== undefined && value !== undefined && !params.has(key)) params.set(key, value);
  }
  return params;
}

function decodeOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined; // malformed escape: the parameter cannot be one of ours
  }
}

export function isPresigned(params: ReadonlyMap<string, string>): boolean {
  return params.has('X-Amz-Algorithm') || params.has('X-Amz-Credential') || params.has('X-Amz-Signature');
}

const SIGNATURE = /^[0-9a-f]{64}$/;
const EXPIRES = /^\d{1,7}$/;

export function parsePresignedQuery(params: ReadonlyMap<string, string>): ParsedPresignedQuery | string {
  const algorithm = params.get('X-Amz-Algorithm');
  const credential = params.get('X-Amz-Credential');
  const signature = params.get('X-Amz-Signature');
  const amzDate = params.get('X-Amz-Date');
  const signedHeaders = params.get('X-Amz-SignedHeaders');
  if (
    algorithm === undefined || credential === undefined || signature === undefined ||
    amzDate === undefined || signedHeaders === undefined
  ) {
    return "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', " +
      "'X-Amz-Date', 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.";
  }
  if (algorithm !== ALGORITHM) return `X-Amz-Algorithm only supports '${ALGORITHM}'.`;
  const scope = parseCredential(credential);
  if (typeof scope === 'string') return scope;
  const signedHeaderNames = parseSignedHeaders(signedHeaders);
  if (typeof signedHeaderNames === 'string') return signedHeaderNames;
  if (!SIGNATURE.test(signature)) return 'Signature must be 64 lowercase hexadecimal characters.';
  const expires = params.get('X-Amz-Expires');
  let expiresSeconds: number | undefined;
  if (expires !== undefined) {
    if (!EXPIRES.test(expires) || +expires < 1 || +expires > MAX_PRESIGNED_EXPIRES_S) {
      return `X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_PRESIGNED_EXPIRES_S}.`;
    }
    expiresSeconds = +expires;
  }
  return {
    scope,
    signedHeaders,
    signedHeaderNames,
    signature,
    amzDate,
    expiresSeconds,
    sessionToken: params.get('X-Amz-Security-Token'),
    contentSha256: params.get('X-Amz-Content-Sha256'),
  };
}
