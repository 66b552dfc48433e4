// The SigV4 crypto adapter for Node: node:crypto, with keys kept as Buffers so that the derived
// signing key is reused without conversion. crypto.hash (one-shot, Node >= 20.12; package.json asks
// for >= 20.19) skips building a Hash object for the two SHA-256 digests every signature needs.
import { createHmac, hash } from 'node:crypto';
import type { Sigv4Crypto } from '../sigv4/crypto.ts';

export const nodeCrypto: Sigv4Crypto<Buffer> = {
  sha256Hex: (data) => hash('sha256', data, 'hex'),
  hmac: (key, data) => createHmac('sha256', key).update(data, 'utf8').digest(),
  hmacHex: (key, data) => createHmac('sha256', key).update(data, 'utf8').digest('hex'),
};
