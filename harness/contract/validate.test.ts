// validate() on whatever a body may hold: non-objects, unknown members, keys that name Object.prototype
// members, inherited properties, and nesting deep enough to overflow a naive recursive walk.
import { describe, expect, test } from 'vitest';
import { maxNestingDepth } from './limits.ts';
import { pathTokens } from './violation.ts';
import { validate } from './validate.ts';

const minimal = { InstanceId: 'instance', ContactFlowId: 'flow', ParticipantDetails: { DisplayName: 'Customer' } };
const minimalJson = JSON.stringify(minimal).slice(1, -1); // the members, to splice into JSON texts

describe('a request that is not an object', () => {
  const cases: readonly (readonly [unknown, string])[] = [
    [null, 'null'], [[], 'array'], [[minimal], 'array'], [0, 'integer'], [1.5, 'number'], ['{}', 'string'], [true, 'boolean'], [undefined, 'undefined'],
  ];
  for (const [input, type] of cases) {
    test(`${JSON.stringify(input) ?? 'undefined'} → one type violation at the root`, () => {
      expect(validate(input)).toEqual([{ path: '', rule: 'type', limit: 'object', actual: type }]);
    });
  }
});

describe('unknown members', () => {
  test('are ignored at every level', () => {
    const request = {
      ...minimal,
      Unknown: { deeply: [1, 2, { x: null }] },
      instanceId: 5, // member names are case-sensitive: this one is unknown
      ParticipantDetails: { DisplayName: 'Customer', Extra: 1 },
      AllowedCapabilities: { Customer: { Video: 'SEND', Audio: 'SEND' }, Observer: 7 },
      References: { r: { Type: 'URL', Value: 'https://example.com', Foo: [] } },
      SegmentAttributes: { 'connect:Subtype': { ValueString: 'connect:WebRTC', ValueBlob: 1 } },
    };
    expect(validate(request)).toEqual([]);
  });
});

describe('keys that name Object.prototype members are data', () => {
  test('__proto__ and constructor at the top level are unknown members', () => {
    const request: unknown = JSON.parse(`{${minimalJson}, "__proto__": {"InstanceId": 5}, "constructor": 1, "toString": []}`);
    expect(Object.prototype.hasOwnProperty.call(request, '__proto__')).toBe(true);
    expect(validate(request)).toEqual([]);
  });

  test('__proto__ and constructor inside Attributes are valid keys, validated as data', () => {
    const valid: unknown = JSON.parse(`{${minimalJson}, "Attributes": {"__proto__": "a", "constructor": "b", "hasOwnProperty": "c"}}`);
    expect(validate(valid)).toEqual([]);
    const invalid: unknown = JSON.parse(`{${minimalJson}, "Attributes": {"__proto__": 5, "constructor": {"x": "y"}}}`);
    expect(validate(invalid)).toEqual([
      { path: '/Attributes/__proto__', rule: 'type', limit: 'string', actual: 'integer' },
      { path: '/Attributes/constructor', rule: 'type', limit: 'string', actual: 'object' },
    ]);
  });

  test('__proto__ as a reference key and a segment attribute name', () => {
    const request: unknown = JSON.parse(
      `{${minimalJson}, "References": {"__proto__": {"Type": "ATTACHMENT"}}, "SegmentAttributes": {"__proto__": {"ValueInteger": "1"}}}`,
    );
    expect(validate(request)).toEqual([
      { path: '/SegmentAttributes/__proto__/ValueInteger', rule: 'type', limit: 'integer', actual: 'string' },
      { path: '/References/__proto__/Type', rule: 'reference-type-at-creation', limit: expect.any(Array), actual: 'ATTACHMENT' },
    ]);
  });

  test('validating them does not pollute Object.prototype', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const hostile: unknown = JSON.parse(
      `{${minimalJson}, "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}},
        "Attributes": {"__proto__": "yes"}, "References": {"__proto__": {"Type": "URL", "polluted": "yes"}},
        "SegmentAttributes": {"__proto__": {"ValueMap": {"__proto__": {"ValueString": "yes"}}}}}`,
    );
    validate(hostile);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('inherited members do not count: only own properties are read', () => {
    const request = Object.create(minimal) as object;
    expect(validate(request)).toEqual([
      { path: '/ContactFlowId', rule: 'required' },
      { path: '/InstanceId', rule: 'required' },
      { path: '/ParticipantDetails', rule: 'required' },
    ]);
  });

  test('null-prototype objects are read like any other', () => {
    const request = Object.assign(Object.create(null) as object, minimal, {
      Attributes: Object.assign(Object.create(null) as object, { a: 'b' }),
    });
    expect(validate(request)).toEqual([]);
  });
});

describe(`nesting deeper than maxNestingDepth (${maxNestingDepth})`, () => {
  /** How many containers enclose the deepest container (the request itself is 0), counted without recursion. */
  function containerDepth(root: unknown): number {
    let deepest = -1;
    const stack: [unknown, number][] = [[root, 0]];
    for (let item = stack.pop(); item; item = stack.pop()) {
      const [value, depth] = item;
      if (typeof value !== 'object' || value === null) continue;
      deepest = Math.max(deepest, depth);
      for (const child of Object.values(value)) stack.push([child, depth + 1]);
    }
    return deepest;
  }

  /** A SegmentAttributeValue nested `levels` times through ValueMap, ValueList or both, built without recursion. */
  function nested(levels: number, via: 'map' | 'list' | 'both'): Record<string, unknown> {
    let value: Record<string, unknown> = { ValueString: 'leaf' };
    for (let i = 0; i < levels; i++) {
      const map = via === 'map' || (via === 'both' && i % 2 === 0);
      value = map ? { ValueMap: { k: value } } : { ValueList: [value] };
    }
    return { ...minimal, SegmentAttributes: { top: value } };
  }

  for (const via of ['map', 'list', 'both'] as const) {
    test(`through ${via}: refused exactly when a container is deeper than the bound`, () => {
      let refusedOnce = false;
      for (let levels = 0; levels <= maxNestingDepth + 4; levels++) {
        const request = nested(levels, via);
        const violations = validate(request);
        if (containerDepth(request) <= maxNestingDepth) {
          expect(violations, `${levels} levels`).toEqual([]);
        } else {
          refusedOnce = true;
          expect(violations, `${levels} levels`).toEqual([
            { path: expect.any(String), rule: 'nesting-depth', limit: maxNestingDepth, actual: maxNestingDepth + 1 },
          ]);
          expect(pathTokens(violations[0]?.path ?? '')).toHaveLength(maxNestingDepth + 1);
        }
      }
      expect(refusedOnce).toBe(true);
    });
  }

  test('10,000 levels: one violation, no stack overflow', () => {
    for (const via of ['map', 'list', 'both'] as const) {
      const violations = validate(nested(10_000, via));
      expect(violations).toEqual([expect.objectContaining({ rule: 'nesting-depth', limit: maxNestingDepth })]);
    }
  });

  test('10,000 levels where no shape nests are a type violation, no stack overflow', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(validate({ ...minimal, Attributes: { a: deep }, Unknown: deep })).toEqual([
      { path: '/Attributes/a', rule: 'type', limit: 'string', actual: 'array' },
    ]);
    expect(validate(deep)).toEqual([{ path: '', rule: 'type', limit: 'object', actual: 'array' }]);
  });
});

// The bound is the fidelity profile's (`limits.nestingDepth`): any positive integer, or null for none.
describe('nesting bound given to validate()', () => {
  /** A SegmentAttributeValue `levels` ValueMaps deep, as its own container depth (2 + 2 × levels) tells. */
  function chain(levels: number): Record<string, unknown> {
    let value: Record<string, unknown> = { ValueString: 'leaf' };
    for (let i = 0; i < levels; i++) value = { ValueMap: { k: value } };
    return { ...minimal, SegmentAttributes: { top: value } };
  }
  const depthOf = (levels: number) => 2 + 2 * levels;

  test('absent, undefined or the default value: the same as today (maxNestingDepth)', () => {
    const over = chain(maxNestingDepth); // far past the bound
    const expected = validate(over);
    expect(expected).toEqual([expect.objectContaining({ rule: 'nesting-depth', limit: maxNestingDepth })]);
    expect(validate(over, {})).toEqual(expected);
    expect(validate(over, { nestingDepth: undefined })).toEqual(expected);
    expect(validate(over, { nestingDepth: maxNestingDepth })).toEqual(expected);
  });

  for (const limit of [1, 2, 7, 64, 2_345]) {
    test(`nestingDepth ${limit}: refused exactly when a container is deeper`, () => {
      const around = Math.floor((limit - 2) / 2);
      for (let levels = Math.max(0, around - 2); levels <= around + 3; levels++) {
        const violations = validate(chain(levels), { nestingDepth: limit });
        if (depthOf(levels) <= limit) expect(violations, `${levels} levels`).toEqual([]);
        else {
          expect(violations, `${levels} levels`).toEqual([{ path: expect.any(String), rule: 'nesting-depth', limit, actual: limit + 1 }]);
          expect(pathTokens(violations[0]?.path ?? '')).toHaveLength(limit + 1);
        }
      }
    });
  }

  test('nestingDepth 64 accepts a 40-deep ValueMap chain only when it fits', () => {
    expect(validate(chain(31), { nestingDepth: 64 })).toEqual([]);
    expect(validate(chain(40), { nestingDepth: 64 })).toEqual([expect.objectContaining({ rule: 'nesting-depth', limit: 64, actual: 65 })]);
  });

  test('null: no limit, even 100,000 levels deep through maps and lists (no stack overflow)', () => {
    expect(validate(chain(40), { nestingDepth: null })).toEqual([]);
    let value: Record<string, unknown> = { ValueString: 'leaf' };
    for (let i = 0; i < 100_000; i++) value = i % 2 ? { ValueMap: { k: value } } : { ValueList: [value] };
    expect(validate({ ...minimal, SegmentAttributes: { top: value } }, { nestingDepth: null })).toEqual([]);
  });

  test('null: other rules still apply at any depth', () => {
    let value: Record<string, unknown> = { ValueInteger: 'not a number' };
    for (let i = 0; i < 5_000; i++) value = { ValueMap: { k: value } };
    const violations = validate({ ...minimal, SegmentAttributes: { top: value } }, { nestingDepth: null });
    expect(violations).toEqual([{ path: expect.any(String), rule: 'type', limit: 'integer', actual: 'string' }]);
    expect(pathTokens(violations[0]?.path ?? '')).toHaveLength(2 + 2 * 5_000 + 1);
  });

  // Deep values are walked in stack-sized pieces: the violations must still come in the order one
  // recursion over the whole value gives (depth-first, keys in order).
  for (const deepFirst of [true, false]) {
    test(`null: violations on both sides of every piece keep their order (deeper key ${deepFirst ? 'first' : 'last'})`, () => {
      const levels = 1_200; // 2,402 containers deep: two pieces and then some
      let value: Record<string, unknown> = { ValueInteger: 'leaf' };
      for (let i = 0; i < levels; i++) {
        const bad = { ValueInteger: `bad ${i}` };
        value = { ValueMap: deepFirst ? { deep: value, bad } : { bad, deep: value } };
      }
      // From the outside in: key "bad" at each level, then the leaf at the bottom.
      const outsideIn: string[] = [];
      let prefix = '/SegmentAttributes/top';
      for (let i = 0; i < levels; i++) {
        outsideIn.push(`${prefix}/ValueMap/bad/ValueInteger`);
        prefix += '/ValueMap/deep';
      }
      outsideIn.push(`${prefix}/ValueInteger`);
      const request = { ...minimal, Description: 5, SegmentAttributes: { top: value } };
      const violations = validate(request, { nestingDepth: null });
      expect(violations.filter((v) => v.rule !== 'type' || v.limit !== 'integer')).toEqual([{ path: '/Description', rule: 'type', limit: 'string', actual: 'integer' }]);
      expect(violations.filter((v) => v.path !== '/Description').map((v) => v.path)).toEqual(deepFirst ? [...outsideIn].reverse() : outsideIn);
      // A bound just past the value's depth walks the same way.
      expect(validate(request, { nestingDepth: 2 * levels + 3 })).toEqual(violations);
    });
  }

  for (const bad of [0, -1, 1.5, Number.NaN, Infinity]) {
    test(`nestingDepth ${bad} is refused`, () => {
      expect(() => validate(minimal, { nestingDepth: bad })).toThrow(RangeError);
    });
  }
});
