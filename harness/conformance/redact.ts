// Everything a report shows of a request or response passes through here: the Authorization
// header, session tokens and every member the contract marks sensitive (Description,
// ParticipantToken, JoinToken) are replaced before anything is printed or written.
import { sensitiveMemberNames } from '../contract/index.ts';
import type { WireRequest, WireResponse } from '../targets/exchange.ts';

const REDACTED = '<redacted>';
const secretHeaders = new Set(['authorization', 'x-amz-security-token']);

export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'authorization') {
      // The signed header list helps debugging and reveals nothing; credential and signature go.
      const signed = /SignedHeaders=([^,\s]+)/.exec(value)?.[1];
      out[name] = `${value.split(' ')[0]} Credential=${REDACTED}${signed ? `, SignedHeaders=${signed}` : ''}, Signature=${REDACTED}`;
    } else out[name] = secretHeaders.has(name) ? REDACTED : value;
  }
  return out;
}

/** What a sensitive value becomes: `<redacted>` in reports; a cassette keeps its length or type. */
export type RedactionMark = (value: unknown) => unknown;
const plainMark: RedactionMark = () => REDACTED;

/** A copy of a JSON value with every sensitive member's value replaced, at any depth. */
export function redactJson(value: unknown, mark: RedactionMark = plainMark): unknown {
  if (Array.isArray(value)) return value.map((v) => redactJson(v, mark));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    // defineProperty keeps "__proto__" an own key instead of setting the copy's prototype.
    Object.defineProperty(out, key, { value: sensitiveMemberNames.has(key) ? mark(v) : redactJson(v, mark), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const sensitiveStringMember = new RegExp(`("(?:${[...sensitiveMemberNames].join('|')})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"?`, 'g');

/**
 * A body as text with sensitive members redacted. A body that is not JSON (the SDK writes one for a
 * null ClientToken) is redacted by pattern: every string after a sensitive member's name.
 */
export function redactBody(body: string, mark: RedactionMark = plainMark): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body.replace(sensitiveStringMember, `$1"${REDACTED}"`);
  }
  return JSON.stringify(redactJson(parsed, mark));
}

export function redactRequest(request: WireRequest, mark: RedactionMark = plainMark): WireRequest {
  return { ...request, headers: redactHeaders(request.headers), body: redactBody(request.body, mark) };
}

export function redactResponse(response: WireResponse, mark: RedactionMark = plainMark): WireResponse {
  return { ...response, headers: redactHeaders(response.headers), body: redactBody(response.body, mark) };
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Headers curl computes itself, or that belong to one signature or one SDK attempt. */
const unsentByCurl = new Set(['content-length', 'host', 'user-agent', 'x-amz-user-agent', 'authorization', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token', 'amz-sdk-invocation-id', 'amz-sdk-request']);

/**
 * The request as a curl command line that signs itself (`--aws-sigv4`, credentials from the
 * environment), with sensitive members redacted: it runs as printed, with those members' values
 * replaced. The signing scope (region, service) comes from the original Authorization header and
 * reveals nothing secret; an unsigned request stays unsigned.
 */
export function curlFor(request: WireRequest): string {
  const safe = redactRequest(request);
  const query = Object.entries(safe.query).flatMap(([k, v]) => (v === null ? [k] : (Array.isArray(v) ? v : [v]).map((x) => `${k}=${x}`)));
  const url = `${safe.origin}${safe.path}${query.length ? `?${query.join('&')}` : ''}`;
  const scope = /Credential=[^/,\s]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(request.headers.authorization ?? '');
  const signing = scope
    ? [
        '--aws-sigv4', shellQuote(`aws:amz:${scope[1]}:${scope[2]}`), '--user', '"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"',
        ...(request.headers['x-amz-security-token'] !== undefined ? ['-H', '"x-amz-security-token: $AWS_SESSION_TOKEN"'] : []),
      ]
    : [];
  const headers = Object.entries(safe.headers)
    .filter(([name]) => !unsentByCurl.has(name))
    .map(([name, value]) => `-H ${shellQuote(`${name}: ${value}`)}`);
  return ['curl', '-X', safe.method, shellQuote(url), ...signing, ...headers, ...(safe.body ? ['--data-binary', shellQuote(safe.body)] : [])].join(' ');
}
