import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstDuplicateKey } from './duplicate-keys.ts';

describe('firstDuplicateKey', () => {
  it('finds no duplicate in any JSON.stringify output (keys and values with quotes, backslashes, escapes)', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(firstDuplicateKey(JSON.stringify(value))).toBeUndefined();
    }), { numRuns: 2000 });
  });

  it('finds a key repeated at the end of an object, however it is escaped', () => {
    fc.assert(fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue(), { minKeys: 1, maxKeys: 6 }), (object) => {
      const text = JSON.stringify(object);
      const key = Object.keys(object)[0]!;
      expect(firstDuplicateKey(`${text.slice(0, -1)},${JSON.stringify(key)}:1}`)).toBe(key);
      // The same, one level down, inside an array.
      expect(firstDuplicateKey(`[0,{"x":${text.slice(0, -1)},${JSON.stringify(key)}:1}}]`)).toBe(key);
    }), { numRuns: 2000 });
  });

  it('tells escaped quotes from closing ones', () => {
    expect(firstDuplicateKey('{"a\\\\":1,"a\\\\":2}')).toBe('a\\');
    expect(firstDuplicateKey('{"a\\"":1,"a\\"":2}')).toBe('a"');
    expect(firstDuplicateKey('{"a":"\\"a\\":","b":1}')).toBeUndefined();
  });
});
