// The SigV4 crypto adapter for k6: k6/crypto, with keys kept as ArrayBuffers ('binary' output),
// which k6's hmac takes back as a secret without any conversion. String inputs are hashed as UTF-8.
import { hmac, sha256 } from 'k6/crypto';
import type { Sigv4Crypto } from '../../harness/sigv4/crypto.ts';

export const k6Crypto: Sigv4Crypto<ArrayBuffer> = {
  sha256Hex: (data) => sha256(data, 'hex'),
  hmac: (key, data) => hmac('sha256', key, data, 'binary'),
  hmacHex: (key, data) => hmac('sha256', key, data, 'hex'),
};
