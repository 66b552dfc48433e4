// What verifyRequest() answers, and the AWS-style messages for each refusal. Messages never carry
// a secret, a signature or the Authorization header, so they are safe to log and to send back.
import { formatAmzDate } from './amz-date.ts';

export type VerifyFailureReason =
  | 'missing-authorization'
  | 'malformed-authorization'
  | 'unknown-access-key'
  | 'signature-mismatch'
  | 'expired'
  | 'content-hash-mismatch';

export interface VerifySuccess {
  readonly ok: true;
  readonly accessKeyId: string;
  /** Region and service from the credential scope: check them if the caller did not pass its own. */
  readonly region: string;
  readonly service: string;
  /** The signing date as signed, `YYYYMMDDTHHMMSSZ`. */
  readonly date: string;
  /** The signing date in epoch milliseconds. */
  readonly signedAt: number;
  readonly signedHeaders: readonly string[];
  /** `x-amz-security-token` (or X-Amz-Security-Token), when the request carried one. */
  readonly sessionToken?: string;
  /** Signed in the query string rather than the Authorization header. */
  readonly presigned: boolean;
}

export interface VerifyFailure {
  readonly ok: false;
  readonly reason: VerifyFailureReason;
  readonly message: string;
}

export type VerifyResult = VerifySuccess | VerifyFailure;

export function failure(reason: VerifyFailureReason, message: string): VerifyFailure {
  return { ok: false, reason, message };
}

export const MESSAGES = {
  missing: 'Missing Authentication Token',
  unknownKey: 'The security token included in the request is invalid.',
  mismatch:
    'The request signature we calculated does not match the signature you provided. ' +
    'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  contentHash: "The provided 'x-amz-content-sha256' header does not match what was computed.",
  missingDate: "Authorization header requires existence of a 'X-Amz-Date' header.",
  badDate: "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\".",
  twoMechanisms:
    'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified.',
  presignedExpired: 'Request has expired',
} as const;

export function dateScopeMismatch(scopeDate: string, amzDate: string): string {
  return (
    'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ' +
    `'${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`
  );
}

function windowText(ms: number): string {
  return ms % 60000 === 0 ? `${ms / 60000} min.` : `${ms / 1000} s.`;
}

export function expiredMessage(amzDate: string, now: number, maxSkewMs: number): string {
  return (
    `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - maxSkewMs)} ` +
    `(${formatAmzDate(now)} - ${windowText(maxSkewMs)})`
  );
}

export function notYetCurrentMessage(amzDate: string, now: number, maxSkewMs: number): string {
  return (
    `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + maxSkewMs)} ` +
    `(${formatAmzDate(now)} + ${windowText(maxSkewMs)})`
  );
}
