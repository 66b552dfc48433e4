// Speed-tuned: guarded by `npm run bench -- sigv4`.
// The derived signing key, HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
// "aws4_request"), changes once a day per credential: four HMACs per request saved by caching it.
// The cache is bounded (first in, first out, like @smithy/signature-v4's 50 entries) so that a
// verifier fed many access keys or forged dates cannot grow without limit.
import { SCOPE_TERMINATOR } from './constants.ts';
import type { Sigv4Crypto } from './crypto.ts';

export interface SigningKeyCache {
  get(id: string): unknown;
  set(id: string, key: unknown): void;
  readonly size: number;
  readonly capacity: number;
}

export const DEFAULT_SIGNING_KEY_CACHE_CAPACITY = 50;

export function createSigningKeyCache(capacity: number = DEFAULT_SIGNING_KEY_CACHE_CAPACITY): SigningKeyCache {
  if (!(capacity >= 1)) throw new RangeError(`signing key cache capacity must be at least 1, got ${capacity}`);
  const entries = new Map<string, unknown>();
  return {
    get: (id) => entries.get(id),
    set(id, key) {
      if (!entries.has(id) && entries.size >= capacity) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) entries.delete(oldest.value);
      }
      entries.set(id, key);
    },
    get size() {
      return entries.size;
    },
    capacity,
  };
}

// Keys are in the adapter's own binary form, so each crypto adapter gets its own default cache.
const defaultCaches = new WeakMap<Sigv4Crypto, SigningKeyCache>();

export function defaultSigningKeyCache(crypto: Sigv4Crypto): SigningKeyCache {
  let cache = defaultCaches.get(crypto);
  if (cache === undefined) {
    cache = createSigningKeyCache();
    defaultCaches.set(crypto, cache);
  }
  return cache;
}

/** `shortDate` is `YYYYMMDD`. */
export function signingKey(
  crypto: Sigv4Crypto,
  cache: SigningKeyCache,
  secretAccessKey: string,
  shortDate: string,
  region: string,
  service: string,
): unknown {
  // The key of the call before, when this is the same one (as for nearly every request a verifier
  // sees): four string comparisons instead of building the id and hashing it in the cache's Map.
  const l = last;
  if (l !== undefined && l.cache === cache && l.crypto === crypto && l.shortDate === shortDate && l.region === region && l.service === service && l.secret === secretAccessKey) return l.key;
  // Unambiguous as long as region and service hold no "\n": the verifier admits only
  // [A-Za-z0-9._-] there, and a signer's region and service come from its own configuration.
  const id = shortDate + '\n' + region + '\n' + service + '\n' + secretAccessKey;
  let key = cache.get(id);
  if (key === undefined) {
    key = crypto.hmac(
      crypto.hmac(crypto.hmac(crypto.hmac('AWS4' + secretAccessKey, shortDate), region), service),
      SCOPE_TERMINATOR,
    );
    cache.set(id, key);
  }
  last = { cache, crypto, shortDate, region, service, secret: secretAccessKey, key };
  return key;
}

/** The last key signingKey() returned and what it was for (it stays in `cache`: only a new id evicts). */
let last: { readonly cache: SigningKeyCache; readonly crypto: Sigv4Crypto; readonly shortDate: string; readonly region: string; readonly service: string; readonly secret: string; readonly key: unknown } | undefined;
