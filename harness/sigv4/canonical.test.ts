// The canonicalisation pieces on their own: fixed points, agreement between the wire and record
// forms, and the cases where we knowingly differ from @smithy/signature-v4.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalPath } from './canonical-path.ts';
import { canonicalQueryFromRecord, canonicalQueryFromWire } from './canonical-query.ts';
import { reencodeComponent, uriEscape } from './uri-escape.ts';
import { formatAmzDate, parseAmzDate } from './amz-date.ts';
import { constantTimeEqual } from './constant-time.ts';

const runs = { numRuns: 1000 };

describe('uriEscape', () => {
  it('is encodeURIComponent with !\'()* escaped too', () => {
    expect(uriEscape("a b!'()*~é/")).toBe('a%20b%21%27%28%29%2A~%C3%A9%2F');
  });
  it('takes a lone surrogate as U+FFFD instead of throwing', () => {
    expect(uriEscape('a\ud800b')).toBe('a%EF%BF%BDb');
  });
});

describe('reencodeComponent', () => {
  it('equals decode-then-escape on valid wire text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (text, lower) => {
        let wire = encodeURIComponent(text);
        if (lower) wire = wire.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
        expect(reencodeComponent(wire)).toBe(uriEscape(text));
      }),
      runs,
    );
  });
  it('is idempotent and total on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('%', 'C', '3', 'z', '+', ' ', 'é', '\ud800', '~', 'a') }), (text) => {
        const once = reencodeComponent(text);
        expect(reencodeComponent(once)).toBe(once);
        expect(once).toMatch(/^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
      }),
      runs,
    );
  });
  it('keeps "+" literal and unescapes unreserved characters', () => {
    expect(reencodeComponent('a+b%7e%2b%zz%C3')).toBe('a%2Bb~%2B%25zz%C3');
  });
});

describe('canonicalPath', () => {
  it.each([
    ['', ''],
    ['/', '/'],
    ['/contact/webrtc', '/contact/webrtc'],
    ['//a//b//', '/a/b/'],
    ['/a/./b/../c', '/a/c'],
    ['/..', '/'],
    ['/a%20b/%E1%88%B4', '/a%2520b/%25E1%2588%25B4'],
    ['/a%2Fb', '/a%252Fb'],
    ["/!'()*:@", '/%21%27%28%29%2A%3A%40'],
  ])('%j -> %j', (path, canonical) => {
    expect(canonicalPath(path)).toBe(canonical);
  });
});

describe('canonical query', () => {
  it('sorts by name, then by value, with names that prefix others first', () => {
    expect(canonicalQueryFromWire('b=2&a-=1&a=2&a=1&c')).toBe('a=1&a=2&a-=1&b=2&c=');
  });
  it('drops X-Amz-Signature in any case and empty pieces', () => {
    expect(canonicalQueryFromWire('&x-amz-signature=1&&X-Amz-Signature=2&a=1&')).toBe('a=1');
    expect(canonicalQueryFromRecord({ 'X-AMZ-SIGNATURE': 'x', a: '1' })).toBe('a=1');
  });
  it('signs a `__proto__` parameter like any other (@smithy/signature-v4 signs "[object Object]")', () => {
    const query = JSON.parse('{"__proto__":"x","a":["2","1"]}') as Record<string, string | string[]>;
    expect(canonicalQueryFromRecord(query)).toBe('__proto__=x&a=1&a=2');
    expect(canonicalQueryFromWire('__proto__=x&a=2&a=1')).toBe('__proto__=x&a=1&a=2');
  });
});

describe('amz dates', () => {
  it('round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59) }), (ms) => {
        const text = formatAmzDate(ms);
        expect(parseAmzDate(text)).toBe(Math.floor(ms / 1000) * 1000);
      }),
      runs,
    );
  });
});

describe('constantTimeEqual', () => {
  it('compares', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'ab')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
