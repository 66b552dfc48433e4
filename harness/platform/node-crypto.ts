// Speed-tuned: guarded by `npm run bench -- sigv4`.
// The SigV4 crypto adapter for Node: node:crypto, with the derived signing key kept as a NodeHmacKey
// so that it is reused without conversion. crypto.hash (one-shot, Node >= 20.12; package.json asks
// for >= 20.19) skips building a Hash object for the SHA-256 digests every signature needs.
import { createHmac, hash } from 'node:crypto';
import type { Sigv4Crypto } from '../sigv4/crypto.ts';

const BLOCK = 64;
const DIGEST = 32;

/**
 * An HMAC-SHA256 key with its inner and outer pads laid out once. HMAC(K, m) is
 * SHA256((K ^ opad) || SHA256((K ^ ipad) || m)): two one-shot hashes over buffers kept for the key,
 * instead of an Hmac object per message, which costs twice as much (and the signing key signs
 * every request a verifier sees). Not safe to share across threads; nothing in Node shares it.
 */
export class NodeHmacKey {
  readonly bytes: Buffer;
  /** K ^ ipad, then room for the message. */
  private inner: Buffer;
  /** K ^ opad, then the inner digest. */
  private readonly outer = Buffer.alloc(BLOCK + DIGEST);

  constructor(bytes: Buffer) {
    this.bytes = bytes;
    const key = bytes.length > BLOCK ? hash('sha256', bytes, 'buffer') : bytes;
    this.inner = Buffer.alloc(BLOCK + 256);
    for (let i = 0; i < BLOCK; i++) {
      const k = i < key.length ? key[i]! : 0;
      this.inner[i] = k ^ 0x36;
      this.outer[i] = k ^ 0x5c;
    }
  }

  hex(data: string): string {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit, so this room always holds the message.
    if (data.length * 3 > this.inner.length - BLOCK) {
      const grown = Buffer.alloc(BLOCK + data.length * 3);
      this.inner.copy(grown, 0, 0, BLOCK);
      this.inner = grown;
    }
    const written = this.inner.write(data, BLOCK, 'utf8');
    // 'binary' (latin1) output maps each digest byte to one char, written back as the same byte: a string
    // costs less to return from C++ than a Buffer.
    this.outer.write(hash('sha256', this.inner.subarray(0, BLOCK + written), 'binary'), BLOCK, 'latin1');
    return hash('sha256', this.outer, 'hex');
  }
}

export const nodeCrypto: Sigv4Crypto<NodeHmacKey> = {
  sha256Hex: (data) => hash('sha256', data, 'hex'),
  hmac: (key, data) => new NodeHmacKey(createHmac('sha256', typeof key === 'string' ? key : key.bytes).update(data, 'utf8').digest()),
  hmacHex: (key: string | NodeHmacKey, data) => (typeof key === 'string' ? createHmac('sha256', key).update(data, 'utf8').digest('hex') : key.hex(data)),
};
