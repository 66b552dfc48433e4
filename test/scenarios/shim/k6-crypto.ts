// Shim of `k6/crypto` over node:crypto: strings are hashed as UTF-8, 'binary' output is an
// ArrayBuffer (which hmac takes back as a secret), as in k6.
import { createHash, createHmac, randomBytes as nodeRandomBytes, type BinaryLike } from 'node:crypto';

type Input = string | ArrayBuffer;
type Encoding = 'hex' | 'base64' | 'base64url' | 'base64rawurl' | 'binary';

function bytes(input: Input): BinaryLike {
  return typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
}

function output(digest: Buffer, encoding: Encoding): string | ArrayBuffer {
  switch (encoding) {
    case 'hex':
      return digest.toString('hex');
    case 'base64':
      return digest.toString('base64');
    case 'base64url':
    case 'base64rawurl':
      return digest.toString('base64url');
    case 'binary':
      return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength) as ArrayBuffer;
    default:
      throw new Error(`k6/crypto: unsupported output encoding "${String(encoding)}"`);
  }
}

export function hash(algorithm: string, input: Input, encoding: Encoding): string | ArrayBuffer {
  return output(createHash(algorithm).update(bytes(input)).digest(), encoding);
}

export const sha256 = (input: Input, encoding: Encoding) => hash('sha256', input, encoding);
export const sha1 = (input: Input, encoding: Encoding) => hash('sha1', input, encoding);
export const sha512 = (input: Input, encoding: Encoding) => hash('sha512', input, encoding);
export const md5 = (input: Input, encoding: Encoding) => hash('md5', input, encoding);

export function hmac(algorithm: string, secret: Input, data: Input, encoding: Encoding): string | ArrayBuffer {
  return output(createHmac(algorithm, bytes(secret)).update(bytes(data)).digest(), encoding);
}

export function randomBytes(size: number): ArrayBuffer {
  const buffer = nodeRandomBytes(size);
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

export default { sha256, sha1, sha512, md5, hmac, randomBytes };
