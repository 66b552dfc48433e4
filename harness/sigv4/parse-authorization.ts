// Speed-tuned: guarded by `npm run bench -- sigv4`.
// The Authorization header of a header-signed request:
// `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/connect/aws4_request,
//  SignedHeaders=host;x-amz-date, Signature=<64 hex>`.
// Failures come back as AWS-style messages that never echo the header, the signature or a secret.
import { ALGORITHM } from './constants.ts';
import { parseCredential, type CredentialScope } from './parse-credential.ts';
import { parseSignedHeaders } from './parse-signed-headers.ts';
import { isHex64 } from './hex.ts';

export interface ParsedAuthorization {
  readonly scope: CredentialScope;
  /** The SignedHeaders text exactly as given: it goes into the canonical request verbatim. */
  readonly signedHeaders: string;
  readonly signedHeaderNames: readonly string[];
  readonly signature: string;
}

const SIGNATURE_KEY = 'Signature=';
/**
 * Headers parsed before, by everything up to their last `Signature=`. A client sends the same
 * Credential and SignedHeaders on every request of a day and only the signature changes, so a
 * header that ends in a well-formed signature after a prefix that parsed before parses the same.
 * Only successes are kept. A few entries compared with `===` rather than a Map: hashing a
 * 150-character prefix for a Map lookup cost as much as parsing it.
 */
const RECENT = 8;
const recentPrefixes: string[] = [];
const recentParses: Omit<ParsedAuthorization, 'signature'>[] = [];
let nextSlot = 0;

export function parseAuthorization(header: string): ParsedAuthorization | string {
  const at = header.lastIndexOf(SIGNATURE_KEY);
  const signature = at < 0 ? '' : header.slice(at + SIGNATURE_KEY.length);
  const prefix = isHex64(signature) ? header.slice(0, at) : undefined;
  if (prefix !== undefined) {
    for (let i = 0; i < recentPrefixes.length; i++) {
      if (recentPrefixes[i] === prefix) {
        const known = recentParses[i]!;
        return { scope: known.scope, signedHeaders: known.signedHeaders, signedHeaderNames: known.signedHeaderNames, signature };
      }
    }
  }
  const parsed = parseInFull(header);
  if (prefix !== undefined && typeof parsed !== 'string' && parsed.signature === signature) {
    recentPrefixes[nextSlot] = prefix;
    recentParses[nextSlot] = { scope: parsed.scope, signedHeaders: parsed.signedHeaders, signedHeaderNames: parsed.signedHeaderNames };
    nextSlot = (nextSlot + 1) % RECENT;
  }
  return parsed;
}

/** The parse itself, without the prefix cache (exported for the test that compares the two). */
export function parseInFull(header: string): ParsedAuthorization | string {
  // The algorithm is case-sensitive, as AWS treats it; any run of spaces may follow it.
  if (!header.startsWith(ALGORITHM + ' ')) {
    return `Authorization header must use the '${ALGORITHM}' algorithm: unsupported or missing algorithm.`;
  }
  let credential: string | undefined;
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  for (const raw of header.slice(ALGORITHM.length + 1).split(',')) {
    const part = raw.trim();
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    if (eq < 0) return 'An Authorization header component is not a valid key=value pair (missing equal-sign).';
    const name = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (name === 'Credential') {
      if (credential !== undefined) return "Authorization header has more than one 'Credential' parameter.";
      credential = value;
    } else if (name === 'SignedHeaders') {
      if (signedHeaders !== undefined) return "Authorization header has more than one 'SignedHeaders' parameter.";
      signedHeaders = value;
    } else if (name === 'Signature') {
      if (signature !== undefined) return "Authorization header has more than one 'Signature' parameter.";
      signature = value;
    }
    // Other components are ignored: nothing documents them as errors.
  }
  const missing: string[] = [];
  if (credential === undefined) missing.push("Authorization header requires 'Credential' parameter.");
  if (signature === undefined) missing.push("Authorization header requires 'Signature' parameter.");
  if (signedHeaders === undefined) missing.push("Authorization header requires 'SignedHeaders' parameter.");
  if (credential === undefined || signature === undefined || signedHeaders === undefined) return missing.join(' ');

  const scope = parseCredential(credential);
  if (typeof scope === 'string') return scope;
  const signedHeaderNames = parseSignedHeaders(signedHeaders);
  if (typeof signedHeaderNames === 'string') return signedHeaderNames;
  if (!isHex64(signature)) return 'Signature must be 64 lowercase hexadecimal characters.';
  return { scope, signedHeaders, signedHeaderNames, signature };
}
