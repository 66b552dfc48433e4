// The report redacts on its own: whatever JSON it is given (written by our reporters, which redact
// already, or by an older version, or edited by hand), every value passes through here before any
// of it is rendered. Members the contract marks sensitive (Description, ParticipantToken,
// JoinToken) are replaced at any depth, headers are redacted as the reporters redact them, and free
// text loses what looks like a credential: a URL's user info, an Authorization header's key id and
// signature, SigV4 query parameters, AWS credential variables and sensitive members quoted as JSON.
import { sensitiveMemberNames } from '../contract/index.ts';
import { redactBody } from '../conformance/redact.ts';

export const REDACTED = '<redacted>';

const secretHeaderNames = new Set(['authorization', 'x-amz-security-token', 'cookie', 'set-cookie', 'x-api-key']);
const sensitiveAlternation = [...sensitiveMemberNames].join('|');

/** Text patterns and what each is replaced with; applied to every string in a report. */
const textRules: readonly (readonly [RegExp, string])[] = [
  // scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@'"]+@/gi, `$1${REDACTED}@`],
  // Authorization: AWS4-HMAC-SHA256 Credential=KEY/..., Signature=HEX
  // (the key id goes; the scope after it, date/region/service, stays: curl --aws-sigv4 needs it)
  [/\bCredential=(?!<redacted>)[^/\s,'"]+/g, `Credential=${REDACTED}`],
  [/\bSignature=[0-9a-f]+/gi, `Signature=${REDACTED}`],
  // Presigned URLs
  [/\b(X-Amz-(?:Credential|Signature|Security-Token))=[^&\s'"]+/gi, `$1=${REDACTED}`],
  // Header lines in curl commands or logs
  [/\b((?:x-amz-security-token|authorization|cookie|x-api-key)\s*:\s*)(?!\s|\$AWS_)[^'"\n]+/gi, `$1${REDACTED}`],
  // AWS_SECRET_ACCESS_KEY=..., aws_session_token = ..., AWS_ACCESS_KEY_ID: ...
  [/\b(AWS_(?:SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN|ACCESS_KEY_ID)\s*[=:]\s*)(?!["']?\$)[^\s'"]+/gi, `$1${REDACTED}`],
  // --credentials KEY:SECRET (the emulator's flag)
  [/(--credentials[\s=]+)[^\s'"]+/g, `$1${REDACTED}`],
  // Access key ids wherever they stand alone (AKIA… long-term, ASIA… temporary)
  [/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, REDACTED],
  // "Description": "…" inside a string (a body that is not JSON, a message that echoes a member)
  [new RegExp(`("(?:${sensitiveAlternation})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"?`, 'g'), `$1"${REDACTED}"`],
  // The same, escaped inside a JSON string: \"Description\":\"…\"
  [new RegExp(`(\\\\"(?:${sensitiveAlternation})\\\\"\\s*:\\s*)\\\\"(?:[^\\\\]|\\\\[^"])*\\\\"`, 'g'), `$1\\"${REDACTED}\\"`],
];

/** Free text with whatever looks like a credential or a sensitive member's value replaced. */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of textRules) out = out.replace(pattern, replacement);
  return out;
}

function looksLikeJsonDocument(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

/**
 * Header names lower-cased; Authorization keeps its algorithm, signing scope and signed header list
 * (the request can then be shown as a curl that signs itself) and loses its key id and signature;
 * the other secret headers are replaced whole.
 */
function sanitiseHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    out[key] = key === 'authorization' ? scrubText(String(value)).replace(/\bSignature=(?!<redacted>)\S+/g, `Signature=${REDACTED}`) : secretHeaderNames.has(key) ? REDACTED : scrubText(String(value));
  }
  return out;
}

/**
 * A copy of any JSON value safe to show: sensitive members replaced at any depth (`__proto__` kept
 * an own key), `headers` objects redacted, every string scrubbed, strings holding a JSON document
 * (request and response bodies) redacted as documents first.
 */
export function sanitiseForReport(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && sensitiveMemberNames.has(key)) return REDACTED;
    return scrubText(looksLikeJsonDocument(value) ? redactBody(value) : value);
  }
  if (Array.isArray(value)) return value.map((v) => sanitiseForReport(v));
  if (value === null || typeof value !== 'object') return key !== undefined && sensitiveMemberNames.has(key) && value !== null ? REDACTED : value;
  if (key !== undefined && key.toLowerCase() === 'headers') return sanitiseHeaders(value as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const safe = sensitiveMemberNames.has(k) ? REDACTED : sanitiseForReport(v, k);
    Object.defineProperty(out, k, { value: safe, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
