// SigV4 at the emulator's front door, in two phases: the signature over the headers before the body
// is read (so an unsigned upload is refused without reading it), then the body's actual SHA-256
// against the x-amz-content-sha256 the signature covered: a valid signature over a false hash is
// still a valid signature, so the hash is checked on its own. A request without that header has
// its body read first and verified in one phase.
import type { IncomingHttpHeaders } from 'node:http';
import { errorCatalogue } from '../contract/index.ts';
import { createSigningKeyCache, UNSIGNED_PAYLOAD, type VerifyFailureReason } from '../sigv4/index.ts';
import { nodeCrypto } from '../platform/node-crypto.ts';
import { isHex64 } from '../sigv4/hex.ts';
import type { ResolvedOptions } from './options.ts';
import type { Caller } from './service.ts';
import type { WireError } from './wire.ts';

export type AuthDecision =
  | { readonly ok: true; readonly caller: Caller | undefined; readonly claimedHash: string | undefined; readonly deferred: boolean }
  | { readonly ok: false; readonly error: WireError };

export interface Authenticator {
  /** Phase 1. `deferred` means: read the body, then call `full` with its hash. */
  headers(method: string, rawPath: string, rawQuery: string, headers: IncomingHttpHeaders): AuthDecision;
  /** Phase 2: the body's actual hash against the one the signature covered. */
  body(claimedHash: string, actualHash: string): WireError | undefined;
  /** One phase, for requests that did not declare their payload hash. */
  full(method: string, rawPath: string, rawQuery: string, headers: IncomingHttpHeaders, actualHash: string): AuthDecision;
}

/** Which generic AWS error each refusal gets (docs/contract.md §4, documented for all services). */
const errorNames: Record<VerifyFailureReason, keyof typeof errorCatalogue> = {
  'missing-authorization': 'MissingAuthenticationTokenException',
  'malformed-authorization': 'IncompleteSignatureException',
  'unknown-access-key': 'UnrecognizedClientException',
  'signature-mismatch': 'InvalidSignatureException',
  expired: 'InvalidSignatureException',
  'content-hash-mismatch': 'InvalidSignatureException',
};

function refusal(reason: VerifyFailureReason, message: string): AuthDecision {
  const name = errorNames[reason];
  return { ok: false, error: { name, status: errorCatalogue[name].status, message } };
}

export function createAuthenticator(options: ResolvedOptions): Authenticator {
  const noCheck: AuthDecision = { ok: true, caller: undefined, claimedHash: undefined, deferred: false };
  if (options.noAuth) {
    return { headers: () => noCheck, body: () => undefined, full: () => noCheck };
  }
  const keyCache = createSigningKeyCache();
  const lookupSecret = (accessKeyId: string) => options.credentials.get(accessKeyId)?.secretAccessKey;
  const verifyStage = options.stages.verify;

  const verify = (method: string, path: string, query: string, headers: IncomingHttpHeaders, bodySha256: string, claimedHash: string | undefined): AuthDecision => {
    const result = verifyStage({
      method,
      path,
      query,
      headers,
      bodySha256,
      now: options.clock.now(),
      lookupSecret,
      crypto: nodeCrypto,
      region: options.region,
      service: 'connect',
      keyCache,
    });
    if (!result.ok) return refusal(result.reason, result.message);
    const accountId = (result.ok ? options.credentials.get(result.accessKeyId)?.accountId : undefined) ?? [...options.credentials.values()][0]!.accountId;
    return { ok: true, caller: { accountId, region: result.ok ? result.region : options.region }, claimedHash, deferred: false };
  };

  return {
    headers(method, path, query, headers) {
      const declared = headers['x-amz-content-sha256'];
      if (typeof declared !== 'string') {
        // No declared hash: the signature covers the real body's hash, so it must be read first.
        return headers.authorization === undefined && !query.includes('X-Amz-Signature')
          ? refusal('missing-authorization', 'Missing Authentication Token')
          : { ok: true, caller: undefined, claimedHash: undefined, deferred: true };
      }
      if (declared === UNSIGNED_PAYLOAD) return verify(method, path, query, headers, declared, undefined);
      // Anything but a hash (say a STREAMING-* marker, which this API does not take): verify once
      // the body is read, against its real hash, so the mismatch is reported.
      if (!isHex64(declared, true)) return { ok: true, caller: undefined, claimedHash: undefined, deferred: true };
      // The signature covers the declared hash; whether the body matches it is phase 2.
      return verify(method, path, query, headers, declared, declared);
    },
    body(claimedHash, actualHash) {
      if (claimedHash.toLowerCase() === actualHash) return undefined;
      const decision = refusal('content-hash-mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
      return decision.ok ? undefined : decision.error;
    },
    full(method, path, query, headers, actualHash) {
      return verify(method, path, query, headers, actualHash, undefined);
    },
  };
}
