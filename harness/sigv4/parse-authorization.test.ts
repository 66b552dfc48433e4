// The Authorization parser's prefix cache must never change an answer: every header, parsed after
// any others, reads exactly as a fresh parse reads it.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseAuthorization, parseInFull } from './parse-authorization.ts';

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const signature = fc.oneof(hex64, hex64.map((h) => h.toUpperCase()), fc.stringMatching(/^[0-9a-f]{63,65}$/), fc.constant(''), hex64.map((h) => `${h},x=y`));
const component = fc.oneof(
  fc.constantFrom('Credential=AKID/20261125/us-east-1/connect/aws4_request', 'Credential=OTHER/20261124/eu-west-1/connect/aws4_request', 'Credential=bad'),
  fc.constantFrom('SignedHeaders=host;x-amz-date', 'SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date', 'SignedHeaders=Host'),
  signature.map((s) => `Signature=${s}`),
  fc.constantFrom('Junk', 'Extra=1', ''),
);
const header = fc.tuple(fc.constantFrom('AWS4-HMAC-SHA256 ', 'AWS4-HMAC-SHA256  ', 'aws4-hmac-sha256 '), fc.array(component, { maxLength: 5 }), fc.constantFrom(',', ', ', ' ,'), signature)
  .map(([algorithm, parts, sep, last]) => `${algorithm}${[...parts, `Signature=${last}`].join(sep)}`);

describe('parseAuthorization', () => {
  test.prop([fc.array(header, { minLength: 1, maxLength: 30 })], { numRuns: 300 })('reads every header as a fresh parse does, whatever was parsed before', (headers) => {
    for (const h of headers) expect(parseAuthorization(h)).toEqual(parseInFull(h));
  });

  it('answers a known prefix with the new signature, and refuses a bad one after it', () => {
    const prefix = 'AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=';
    const first = parseAuthorization(prefix + 'a'.repeat(64));
    const second = parseAuthorization(prefix + 'b'.repeat(64));
    expect(typeof first !== 'string' && first.signature).toBe('a'.repeat(64));
    expect(typeof second !== 'string' && second.signature).toBe('b'.repeat(64));
    expect(parseAuthorization(prefix + 'B'.repeat(64))).toBe('Signature must be 64 lowercase hexadecimal characters.');
  });
});
