// JSON type names as violations report them, and own-property reads that ignore prototypes.
import { describe, expect, test } from 'vitest';
import { hasOwn, isObject, jsonType } from './json-type.ts';

describe('jsonType', () => {
  const cases: readonly (readonly [unknown, string])[] = [
    [null, 'null'], [[], 'array'], [0, 'integer'], [-0, 'integer'], [1.5, 'number'], [Number.NaN, 'number'],
    ['', 'string'], [false, 'boolean'], [{}, 'object'], [Object.create(null), 'object'], [undefined, 'undefined'], [1n, 'bigint'],
  ];
  for (const [i, [value, type]] of cases.entries()) {
    test(`case ${i} is ${type}`, () => expect(jsonType(value)).toBe(type));
  }
});

describe('isObject and hasOwn', () => {
  test('isObject: plain and null-prototype objects only', () => {
    expect(isObject({})).toBe(true);
    expect(isObject(Object.create(null))).toBe(true);
    for (const v of [null, [], 'x', 1, undefined]) expect(isObject(v)).toBe(false);
  });

  test('hasOwn: own keys only, on any prototype', () => {
    const parsed = JSON.parse('{"__proto__": 1, "constructor": 2}') as object;
    expect(hasOwn(parsed, '__proto__')).toBe(true);
    expect(hasOwn(parsed, 'constructor')).toBe(true);
    expect(hasOwn({}, 'constructor')).toBe(false);
    expect(hasOwn({}, 'toString')).toBe(false);
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(hasOwn(bare, 'a')).toBe(true);
    expect(hasOwn(Object.create({ inherited: 1 }) as object, 'inherited')).toBe(false);
  });
});
