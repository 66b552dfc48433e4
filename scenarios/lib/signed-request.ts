// Builds SigV4-signed JSON requests with the project's one signer (harness/sigv4, the module the
// emulator verifies with) over k6/crypto. Everything that does not change per request is computed
// once in the init context: the static headers, and a signing-key cache (the derived key changes
// once a day, so each request costs two HMACs and two SHA-256 instead of six HMACs).
import { signRequest } from '../../harness/sigv4/sign.ts';
import { createSigningKeyCache } from '../../harness/sigv4/signing-key.ts';
import { settings } from './env.ts';
import { k6Crypto } from './k6-crypto.ts';
import type { Tags } from './metrics.ts';

/** A request ready for http.request(method, url, body, params) or as an http.batch entry. */
export interface PreparedRequest {
  readonly method: string;
  readonly url: string;
  readonly body: string;
  readonly params: { readonly headers: Record<string, string>; readonly tags: Tags };
}

const keyCache = createSigningKeyCache(4);
// Host is sent explicitly so that what is signed is exactly what goes on the wire.
const toSign = { host: settings.host, 'content-type': 'application/json' } as const;
const sessionToken = settings.credentials.sessionToken;

export function signedJsonRequest(method: 'PUT' | 'POST', path: string, body: string, tags: Tags): PreparedRequest {
  const signed = signRequest({
    method,
    path,
    headers: toSign,
    body,
    region: settings.region,
    service: 'connect',
    credentials: settings.credentials,
    crypto: k6Crypto,
    keyCache,
  });
  const headers: Record<string, string> = {
    Host: settings.host,
    'Content-Type': 'application/json',
    Authorization: signed.authorization,
    'X-Amz-Date': signed['x-amz-date'],
    'X-Amz-Content-Sha256': signed['x-amz-content-sha256'] as string,
  };
  if (sessionToken !== undefined) headers['X-Amz-Security-Token'] = sessionToken;
  return { method, url: settings.targetUrl + path, body, params: { headers, tags } };
}
