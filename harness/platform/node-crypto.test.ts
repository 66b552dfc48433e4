// The Node adapter's HMAC (two one-shot hashes over pads kept per key) against node:crypto's own.
import { createHmac } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { NodeHmacKey, nodeCrypto } from './node-crypto.ts';

describe('nodeCrypto HMAC', () => {
  test.prop([fc.uint8Array({ minLength: 0, maxLength: 100 }), fc.array(fc.string({ unit: 'binary', maxLength: 400 }), { minLength: 1, maxLength: 4 })])(
    'equals createHmac for any key and any messages in turn (empty, long, astral, lone surrogates)',
    (key, messages) => {
      const k = new NodeHmacKey(Buffer.from(key));
      for (const m of messages) expect(k.hex(m)).toBe(createHmac('sha256', Buffer.from(key)).update(m, 'utf8').digest('hex'));
    },
  );

  it('grows its room for a message longer than any before, and still answers short ones', () => {
    const k = new NodeHmacKey(Buffer.alloc(32, 7));
    for (const m of ['a', 'é'.repeat(5000), '€'.repeat(6000), '😀'.repeat(3000), 'b']) expect(k.hex(m)).toBe(createHmac('sha256', Buffer.alloc(32, 7)).update(m).digest('hex'));
  });

  it('chains keys as the SigV4 derivation does', () => {
    const day = nodeCrypto.hmac('AWS4secret', '20261125');
    const expected = createHmac('sha256', createHmac('sha256', 'AWS4secret').update('20261125').digest()).update('x').digest('hex');
    expect(nodeCrypto.hmacHex(day, 'x')).toBe(expected);
  });
});
