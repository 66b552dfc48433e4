import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstDuplicateKey, hasRepeatedKeys } from './duplicate-keys.ts';

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

describe('hasRepeatedKeys (counting, the fast answer) against firstDuplicateKey (the plain scan)', () => {
  /** Writes `value` as JSON; the `repeatAt`-th object (if it has a key) writes its first key twice. */
  function write(value: unknown, repeatAt: number, space: string): string {
    let objects = 0;
    const go = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(go).join(`,${space}`)}]`;
      if (typeof v !== 'object' || v === null) return JSON.stringify(v);
      const keys = Object.keys(v);
      const members = keys.map((k) => `${JSON.stringify(k)}${space}:${space}${go((v as Record<string, unknown>)[k])}`);
      if (objects++ === repeatAt && keys.length > 0) members.unshift(`${JSON.stringify(keys[0])}:${space}0`);
      return `{${space}${members.join(`,${space}`)}${space}}`;
    };
    return go(value);
  }
  const texts = fc
    .tuple(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: -1, max: 6 }), fc.constantFrom('', ' ', '\n\t'))
    .map(([value, repeatAt, space]) => write(value, repeatAt, space));

  it('says a key repeats exactly when the scan finds one', () => {
    fc.assert(fc.property(texts, (text) => {
      expect(hasRepeatedKeys(text, JSON.parse(text))).toBe(firstDuplicateKey(text) !== undefined);
    }), { numRuns: 3000 });
  });

  it('counts "__proto__" as the ordinary key JSON.parse makes it, and walks nesting deeper than the call stack', () => {
    expect(hasRepeatedKeys('{"__proto__":1}', JSON.parse('{"__proto__":1}'))).toBe(false);
    expect(hasRepeatedKeys('{"__proto__":1,"__proto__":2}', JSON.parse('{"__proto__":1,"__proto__":2}'))).toBe(true);
    const deep = `${'['.repeat(100_000)}{"a":1,"a":2}${']'.repeat(100_000)}`;
    expect(hasRepeatedKeys(deep, JSON.parse(deep))).toBe(true);
  });
});
