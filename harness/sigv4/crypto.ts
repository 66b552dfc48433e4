// The only door to hashing. Node (node:crypto) and k6 (k6/crypto) each supply an adapter, so the
// signer and verifier stay runtime-neutral. All data arguments are JS strings hashed as their UTF-8
// bytes, because every SigV4 input (canonical request, string to sign, scope parts) is text.

/**
 * SHA-256 and HMAC-SHA256 as SigV4 needs them.
 *
 * `Key` is whatever binary form the adapter handles fastest (a Buffer under Node, an ArrayBuffer
 * under k6). The signer never looks inside a key: it only feeds a key returned by `hmac` back into
 * `hmac` or `hmacHex`, and caches it. The first key of the derivation chain (`"AWS4" + secret`) is
 * passed as a string, which both runtimes take as UTF-8.
 */
export interface Sigv4Crypto<Key = unknown> {
  /** Lowercase hex SHA-256 of the UTF-8 bytes of `data`. */
  sha256Hex(data: string): string;
  /** Raw HMAC-SHA256 of the UTF-8 bytes of `data`, as the adapter's key type. */
  hmac(key: string | Key, data: string): Key;
  /** Lowercase hex HMAC-SHA256 of the UTF-8 bytes of `data`. */
  hmacHex(key: Key, data: string): string;
}
