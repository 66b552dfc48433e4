// Both crypto adapters against known digests, and the signer over each: the k6 adapter runs here on
// a stand-in for k6/crypto built from node:crypto with k6's calling convention ('binary' returns an
// ArrayBuffer, secrets may be ArrayBuffers), so that its key handling is exercised under Node.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { nodeCrypto } from '../platform/node-crypto.ts';
import { k6Crypto } from '../../scenarios/lib/k6-crypto.ts';
import { signRequest } from './sign.ts';
import type { Sigv4Crypto } from './crypto.ts';

vi.mock('k6/crypto', () => {
  type Input = string | ArrayBuffer;
  const bytes = (x: Input) => (typeof x === 'string' ? Buffer.from(x, 'utf8') : Buffer.from(x));
  const out = (b: Buffer, encoding: string) =>
    encoding === 'binary' ? b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) : b.toString(encoding as 'hex');
  return {
    sha256: (input: Input, encoding: string) => out(createHash('sha256').update(bytes(input)).digest(), encoding),
    hmac: (algorithm: string, secret: Input, input: Input, encoding: string) => {
      if (algorithm !== 'sha256') throw new Error(`unexpected algorithm ${algorithm}`);
      return out(createHmac('sha256', bytes(secret)).update(bytes(input)).digest(), encoding);
    },
  };
});

const adapters: [string, Sigv4Crypto][] = [
  ['node', nodeCrypto],
  ['k6', k6Crypto],
];

describe.each(adapters)('%s crypto adapter', (_name, crypto) => {
  it('hashes text as UTF-8', () => {
    expect(crypto.sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(crypto.sha256Hex('é😀')).toBe(createHash('sha256').update('é😀', 'utf8').digest('hex'));
  });

  it('chains HMAC keys (RFC 4231 case 2, then a derived key)', () => {
    expect(crypto.hmacHex(crypto.hmac('Jefe', ''), 'x')).toBe(
      createHmac('sha256', createHmac('sha256', 'Jefe').update('').digest()).update('x').digest('hex'),
    );
    expect(crypto.hmacHex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('signs the SigV4 suite get-vanilla request', () => {
    const signed = signRequest({
      method: 'GET',
      path: '/',
      headers: { host: 'example.amazonaws.com' },
      region: 'us-east-1',
      service: 'service',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      date: Date.UTC(2015, 7, 30, 12, 36),
      crypto,
      applyChecksum: false,
    });
    expect(signed.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ' +
        'SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });
});
