// The derived-key cache: bounded, first in first out, and invisible in the signatures.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { nodeCrypto, type NodeHmacKey } from '../platform/node-crypto.ts';
import type { Sigv4Crypto } from './crypto.ts';
import { signRequest } from './sign.ts';
import { createSigningKeyCache, defaultSigningKeyCache, DEFAULT_SIGNING_KEY_CACHE_CAPACITY, signingKey } from './signing-key.ts';

const DAY = 24 * 60 * 60 * 1000;

function counting(): { crypto: Sigv4Crypto; hmacs: () => number } {
  let n = 0;
  const crypto: Sigv4Crypto = {
    sha256Hex: nodeCrypto.sha256Hex,
    hmac: (key, data) => (n++, nodeCrypto.hmac(key as NodeHmacKey, data)),
    hmacHex: nodeCrypto.hmacHex,
  };
  return { crypto, hmacs: () => n };
}

function sign(crypto: Sigv4Crypto, day: number, keyCache = createSigningKeyCache(3), region = 'us-east-1') {
  return signRequest({
    method: 'PUT',
    path: '/contact/webrtc',
    headers: { host: 'connect.us-east-1.amazonaws.com' },
    body: '{}',
    region,
    service: 'connect',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    date: day * DAY,
    crypto,
    keyCache,
  }).authorization;
}

describe('signing key cache', () => {
  it('derives a key once per day, region, service and secret', () => {
    const { crypto, hmacs } = counting();
    const cache = createSigningKeyCache(3);
    sign(crypto, 1, cache);
    expect(hmacs()).toBe(4);
    sign(crypto, 1, cache);
    expect(hmacs()).toBe(4);
    sign(crypto, 2, cache);
    expect(hmacs()).toBe(8);
  });

  it('never holds more than its capacity, evicting the oldest first', () => {
    const { crypto, hmacs } = counting();
    const cache = createSigningKeyCache(3);
    for (let day = 0; day < 10; day++) sign(crypto, day, cache);
    expect(cache.size).toBe(3);
    const before = hmacs();
    sign(crypto, 9, cache); // newest: still cached
    expect(hmacs()).toBe(before);
    sign(crypto, 0, cache); // oldest: evicted long ago
    expect(hmacs()).toBe(before + 4);
  });

  it('gives the same signatures as an uncached derivation', () => {
    for (let day = 0; day < 10; day++) {
      expect(sign(nodeCrypto, day, createSigningKeyCache(3))).toBe(sign(nodeCrypto, day, createSigningKeyCache(1)));
    }
  });

  it('bounds the default per-adapter cache too', () => {
    const { crypto } = counting();
    for (let i = 0; i < 3 * DEFAULT_SIGNING_KEY_CACHE_CAPACITY; i++) {
      signRequest({
        method: 'GET',
        path: '/',
        headers: { host: 'h' },
        region: `r${i}`,
        service: 'connect',
        credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
        crypto,
      });
    }
    expect(defaultSigningKeyCache(crypto).size).toBe(DEFAULT_SIGNING_KEY_CACHE_CAPACITY);
    expect(defaultSigningKeyCache(nodeCrypto)).not.toBe(defaultSigningKeyCache(crypto));
  });

  it('refuses a capacity below one', () => {
    expect(() => createSigningKeyCache(0)).toThrow(RangeError);
  });
});

describe('signingKey() remembering the last key it returned', () => {
  const SCOPE = fc.record({ date: fc.constantFrom('20260101', '20260102', '20260103'), region: fc.constantFrom('us-east-1', 'eu-west-2'), secret: fc.constantFrom('s1', 's2'), cache: fc.nat(1) });
  test.prop([fc.array(SCOPE, { maxLength: 40 })])('returns what an uncached derivation returns, deriving exactly as often as the plain cache of ids', (calls) => {
    const { crypto, hmacs } = counting();
    const caches = [createSigningKeyCache(2), createSigningKeyCache(3)];
    // The plain model: each cache a first-in-first-out list of ids, consulted on every call.
    const plain: string[][] = [[], []];
    let derivations = 0;
    for (const c of calls) {
      const key = signingKey(crypto, caches[c.cache]!, c.secret, c.date, c.region, 'connect') as NodeHmacKey;
      const h = nodeCrypto.hmac;
      const fresh = h(h(h(h(`AWS4${c.secret}`, c.date), c.region), 'connect'), 'aws4_request');
      expect(key.bytes.equals(fresh.bytes)).toBe(true);
      const ids = plain[c.cache]!;
      const id = `${c.date}\n${c.region}\nconnect\n${c.secret}`;
      if (!ids.includes(id)) {
        derivations++;
        if (ids.length >= caches[c.cache]!.capacity) ids.shift();
        ids.push(id);
      }
      expect(hmacs()).toBe(4 * derivations);
    }
  });
});
