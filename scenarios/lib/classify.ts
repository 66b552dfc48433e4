// What a StartWebRTCContact answer was: accepted (200 with a ContactId), rejected (an AWS client
// error), throttled (429), server error (5xx), network error (no HTTP answer), or unexpected
// (anything else, such as a 200 without a ContactId). Pure: it reads only what k6 gives back.
import { isErrorName } from '../../harness/contract/errors.ts';
import type { StartOutcome } from '../../harness/contract/metric-names.ts';

/** The parts of a k6 response this module reads (k6 canonicalises header names: X-Amzn-Errortype). */
export interface ResponseLike {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | ArrayBuffer | null;
  readonly error_code: number;
  readonly timings: { readonly duration: number };
}

export interface StartResult {
  readonly outcome: StartOutcome;
  readonly status: number;
  /** The AWS error name as sent (for judging); undefined on success or without an answer. */
  readonly errorName: string | undefined;
  /** The error as a bounded tag value: a catalogued AWS name, `other`, `k6-<code>` or `none`. */
  readonly errorTag: string;
  readonly contactId: string | undefined;
  readonly durationMs: number;
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The error code the v3 SDK would read: the header, else the body's `code` or `__type`; what
 * stands before `:` and after `#` (docs/contract.md §1). */
export function awsErrorName(headers: Readonly<Record<string, string>>, body: string): string | undefined {
  const raw = headers['X-Amzn-Errortype'] ?? (() => {
    const json = parseJson(body);
    const code = json?.code ?? json?.__type;
    return typeof code === 'string' ? code : undefined;
  })();
  if (raw === undefined) return undefined;
  const name = raw.split(':')[0]!;
  return name.slice(name.lastIndexOf('#') + 1) || undefined;
}

function errorTagFor(name: string | undefined): string {
  if (name === undefined) return 'unnamed';
  return isErrorName(name) ? name : 'other';
}

export function classifyStart(res: ResponseLike): StartResult {
  const durationMs = res.timings.duration;
  const status = res.status;
  if (status === 0) {
    return { outcome: 'network-error', status, errorName: undefined, errorTag: `k6-${res.error_code}`, contactId: undefined, durationMs };
  }
  const body = typeof res.body === 'string' ? res.body : '';
  if (status === 200) {
    const contactId = parseJson(body)?.ContactId;
    return typeof contactId === 'string' && contactId !== ''
      ? { outcome: 'accepted', status, errorName: undefined, errorTag: 'none', contactId, durationMs }
      : { outcome: 'unexpected', status, errorName: undefined, errorTag: 'no-contact-id', contactId: undefined, durationMs };
  }
  const errorName = awsErrorName(res.headers, body);
  const errorTag = errorTagFor(errorName);
  const outcome: StartOutcome = status === 429 ? 'throttled' : status >= 500 ? 'server-error' : status >= 400 ? 'rejected' : 'unexpected';
  return { outcome, status, errorName, errorTag, contactId: undefined, durationMs };
}
