// Answers that say the caller is not who it claims or may not call: a configuration problem of the
// run (credentials, region, permissions), never a conformance finding.
import { lastResponse, type Exchange } from '../targets/exchange.ts';

export const authErrorNames: ReadonlySet<string> = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'AccessDeniedException',
]);

/** The error name a response carries, as the SDKs read it (x-amzn-ErrorType, before ':' and after '#'). */
export function errorTypeOf(headers: Readonly<Record<string, string>>): string | undefined {
  return headers['x-amzn-errortype']?.split(':')[0]?.split('#').at(-1);
}

export function isAuthRefusal(exchange: Exchange | undefined): boolean {
  const response = exchange && lastResponse(exchange);
  if (!response || response.status !== 403) return false;
  const name = errorTypeOf(response.headers);
  return name !== undefined && authErrorNames.has(name);
}
