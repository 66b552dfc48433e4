// Laws of the building blocks, measured independently of the contract's own Unicode helpers.
import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { documentedRules, hasLoneSurrogate, maxNestingDepth, shapes, validateShape } from '../harness/contract/index.ts';
import {
  attributes, charOfWidth, codePointCount, objectFromEntries, references, segmentAttributeChain, stringOfCodePoints, utf8Bytes, validRequest,
  type Utf8Width,
} from './arbitraries/index.ts';
import { budgetBytes } from './arbitraries/budgetBytes.ts';
import { lengthOf } from './arbitraries/lengthOf.ts';
import { minimalValid } from './arbitraries/minimalValid.ts';
import { placeAt } from './arbitraries/placeAt.ts';
import { requestSites } from './arbitraries/requestSites.ts';
import { validKey } from './arbitraries/validKey.ts';

const { A1, R2 } = documentedRules;
const bounds = fc.tuple(fc.nat(300), fc.nat(300)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

/** The deepest object or array under `value`, in JSON Pointer tokens from it. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return Math.max(0, ...value.map((v) => 1 + depthOf(v)));
  if (typeof value === 'object' && value !== null) return Math.max(0, ...Object.values(value).map((v) => 1 + depthOf(v)));
  return -1;
}

describe('stringOfCodePoints', () => {
  test.prop([bounds.chain(([min, max]) => fc.tuple(fc.constant([min, max] as const), stringOfCodePoints(min, max)))])(
    'stays within its bounds in code points and never holds a lone surrogate',
    ([[min, max], s]) => {
      expect(codePointCount(s)).toBeGreaterThanOrEqual(min);
      expect(codePointCount(s)).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(s)).toBe(false);
    },
  );

  it('hits both edges often, with multi-byte characters', () => {
    const { min, max } = lengthOf(shapes.ParticipantDetails.members.DisplayName.shape);
    const sample = fc.sample(stringOfCodePoints(min, max), { numRuns: 100, seed: 1 });
    expect(sample.filter((s) => codePointCount(s) === min).length).toBeGreaterThan(10);
    expect(sample.filter((s) => codePointCount(s) === max).length).toBeGreaterThan(10);
    expect(sample.some((s) => codePointCount(s) === max && s.length > max)).toBe(true); // astral: more UTF-16 units than code points
  });
});

describe('charOfWidth', () => {
  test.prop([fc.constantFrom<Utf8Width>(1, 2, 3, 4).chain((w) => fc.tuple(fc.constant(w), charOfWidth(w)))])(
    'gives one code point of exactly that many UTF-8 bytes',
    ([w, c]) => {
      expect(codePointCount(c)).toBe(1);
      expect(utf8Bytes(c)).toBe(w);
      expect(hasLoneSurrogate(c)).toBe(false);
    },
  );
});

describe('objectFromEntries', () => {
  it('makes "__proto__" an own enumerable data property that survives JSON, prototype untouched', () => {
    const o = objectFromEntries([['__proto__', 'x'], ['constructor', 'y']]);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(o, '__proto__')?.value).toBe('x');
    const back = JSON.parse(JSON.stringify(o)) as object;
    expect(Object.keys(back)).toEqual(['__proto__', 'constructor']);
  });
});

describe('budget-aware maps', () => {
  test.prop([attributes({ exactBytes: A1.limitBytes })], { numRuns: 30 })('attributes fill A1 exactly, every value within its length', (map) => {
    expect(budgetBytes(map)).toBe(A1.limitBytes);
    for (const v of Object.values(map)) expect(codePointCount(v)).toBeLessThanOrEqual(lengthOf(shapes.Attributes.value.shape).max);
  });

  test.prop([attributes({ exactBytes: A1.limitBytes + 1, fillWidths: [2, 3, 4] })], { numRuns: 30 })('one byte over A1 is exactly one byte over', (map) => {
    expect(budgetBytes(map)).toBe(A1.limitBytes + 1);
    expect(Object.values(map).some((v) => utf8Bytes(v) > codePointCount(v))).toBe(true);
  });

  test.prop([references({ exactBytes: R2.limitBytes })], { numRuns: 30 })('references fill R2 exactly (keys plus Values)', (map) => {
    expect(budgetBytes(map)).toBe(R2.limitBytes);
  });

  test.prop([validRequest()])('no valid request exceeds a budget, however big its parts', (r) => {
    expect(budgetBytes(r.Attributes ?? {})).toBeLessThanOrEqual(A1.limitBytes);
    expect(budgetBytes(r.References ?? {})).toBeLessThanOrEqual(R2.limitBytes);
  });
});

describe('segmentAttributeChain', () => {
  test.prop([fc.integer({ min: 0, max: 12 }).chain((span) => fc.tuple(fc.constant(span), segmentAttributeChain(2, 2 + span)))])(
    'its deepest container lies exactly `deepest` tokens down, where its tokens point',
    ([span, chain]) => {
      expect(depthOf(chain.value)).toBe(span);
      let node: unknown = chain.value;
      for (const t of chain.tokens) node = (node as Record<string, unknown>)[t];
      expect(typeof node === 'object' && node !== null).toBe(true);
    },
  );

  it('reaches maxNestingDepth from a segment attribute value', () => {
    const [chain] = fc.sample(segmentAttributeChain(2, maxNestingDepth), { numRuns: 1, seed: 1 });
    expect(2 + depthOf(chain?.value)).toBe(maxNestingDepth);
  });
});

describe('placing values', () => {
  it('every shape has a minimal valid value', () => {
    for (const name of new Set(requestSites().map((s) => s.shape))) expect(validateShape(name as never, minimalValid(name))).toEqual([]);
  });

  const site = fc.constantFrom(...requestSites());
  const placement = site.chain((s) =>
    fc.tuple(fc.constant(s), validRequest(), fc.tuple(...s.steps.filter((x) => x.kind === 'value').map((x) => validKey(x.kind === 'value' ? x.keyShape : ''))).map((k) => k as string[])),
  );
  test.prop([placement])('placing a minimal valid value anywhere adds no model violation and leaves the base untouched', ([s, base, keys]) => {
    const before = JSON.stringify(base);
    const { request } = placeAt(base, s, keys, minimalValid(s.shape));
    expect(validateShape('StartWebRTCContactRequest', request)).toEqual([]);
    expect(JSON.stringify(base)).toBe(before);
  });
});
