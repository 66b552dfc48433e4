// validate() takes any value and never throws: it returns well-formed violations, does not touch its
// input, and finds nothing in a request generated valid from the shapes (no false positives).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { shapes } from './shapes.ts';
import type { Shape } from './shape-types.ts';
import { documentedRules } from './documented-rules.ts';
import { allRules, pathTokens, type Violation } from './violation.ts';
import { validate } from './validate.ts';

/** Property tests with plain fast-check (seed printed on failure): @fast-check/vitest would load
 * vitest's whole runtime again in every worker, about 2 s per file. */
function prop<Ts extends unknown[]>(arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }) {
  return (name: string, predicate: (...args: Ts) => void): void => {
    test(name, () => {
      fc.assert(fc.property(fc.tuple<Ts>(...arbitraries), (args) => predicate(...args)));
    });
  };
}

const byName = shapes as Readonly<Record<string, Shape>>;
const { A2, R1, R3 } = documentedRules;
/** Generated strings stay short so that the byte budgets (A1, R2) hold for up to MAX_ENTRIES entries. */
const CAP = 40;
const MAX_ENTRIES = 3;
/** How deep generated SegmentAttributeValues recurse. */
const MAX_DEPTH = 3;

function shapeOf(name: string): Shape {
  const shape = byName[name];
  if (!shape) throw new Error(`test: no shape ${name}`);
  return shape;
}

/** Values the documentation-only rules constrain beyond their shapes. */
const special: Readonly<Record<string, () => fc.Arbitrary<unknown>>> = {
  AttributeName: () => fc.stringMatching(new RegExp(A2.allowedPattern)),
  Reference: () => fc.oneof(
    fc.record(
      { Type: fc.constantFrom(...R1.allowedTypes.filter((t) => t !== 'DATE')), Value: boundedString('ReferenceValue') },
      { requiredKeys: ['Type'] },
    ),
    fc.record({ Type: fc.constant('DATE'), Value: fc.stringMatching(new RegExp(R3.valuePattern)) }),
  ),
};

function boundedString(name: string): fc.Arbitrary<string> {
  const shape = shapeOf(name);
  if (shape.type !== 'string') throw new Error(`test: ${name} is not a string`);
  if (shape.enum) return fc.constantFrom(...shape.enum);
  const min = shape.length?.min ?? 0;
  const max = Math.min(shape.length?.max ?? min + CAP, min + CAP);
  // unit 'binary' counts code points, the unit of Smithy @length.
  const text = fc.string({ unit: 'binary', minLength: min, maxLength: max });
  // The model's patterns constrain only the first character (ReferenceArn); give it one that passes.
  return shape.pattern === undefined ? text : text.map((s) => (s === '' ? s : `a${[...s].slice(1).join('')}`));
}

/** Requests valid against the whole contract; with `junk`, any value may instead be any JSON. */
function arbitraryFor(name: string, depth: number, junk: boolean): fc.Arbitrary<unknown> {
  const valid = validFor(name, depth, junk);
  return junk ? fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }) : valid;
}

function validFor(name: string, depth: number, junk: boolean): fc.Arbitrary<unknown> {
  const override = special[name];
  if (override) return override();
  const shape = shapeOf(name);
  switch (shape.type) {
    case 'string':
      return boundedString(name);
    case 'integer':
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case 'list':
      if (depth >= MAX_DEPTH) return fc.constant([]);
      return fc.array(arbitraryFor(shape.member.shape, depth + 1, junk), { maxLength: MAX_ENTRIES });
    case 'map':
      if (depth >= MAX_DEPTH) return fc.constant({});
      return fc.dictionary(validFor(shape.key.shape, depth, false) as fc.Arbitrary<string>, arbitraryFor(shape.value.shape, depth + 1, junk), {
        maxKeys: MAX_ENTRIES,
      });
    case 'structure': {
      const members: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [member, ref] of Object.entries(shape.members)) members[member] = arbitraryFor(ref.shape, depth + 1, junk);
      return fc.record(members, { requiredKeys: [...(shape.required ?? [])] });
    }
  }
}

const validRequest = validFor('StartWebRTCContactRequest', 0, false);
const mutatedRequest = validFor('StartWebRTCContactRequest', 0, true);

function isWellFormed(v: Violation): boolean {
  const keysOk = Object.keys(v).every((k) => ['path', 'rule', 'limit', 'actual'].includes(k));
  const pathOk = typeof v.path === 'string' && (v.path === '' || v.path.startsWith('/'));
  const limitOk = v.limit === undefined || typeof v.limit === 'number' || typeof v.limit === 'string'
    || (Array.isArray(v.limit) && v.limit.every((x) => typeof x === 'string'));
  const actualOk = v.actual === undefined || typeof v.actual === 'number' || typeof v.actual === 'string';
  return keysOk && pathOk && limitOk && actualOk && allRules.includes(v.rule);
}

function expectWellFormed(input: unknown): Violation[] {
  const violations = validate(input);
  expect(Array.isArray(violations)).toBe(true);
  for (const v of violations) expect(isWellFormed(v), JSON.stringify(v)).toBe(true);
  return violations;
}

/** The parent of every violation's path exists in the input: paths point into the request. */
function expectPathsInside(input: unknown, violations: readonly Violation[]): void {
  for (const v of violations) {
    let node: unknown = input;
    for (const token of pathTokens(v.path).slice(0, -1)) {
      expect(typeof node === 'object' && node !== null && Object.prototype.hasOwnProperty.call(node, token), v.path).toBe(true);
      node = (node as Record<string, unknown>)[token];
    }
  }
}

describe('validate on generated input', () => {
  test('the valid generator reaches every member of the request', () => {
    const seen = new Set(fc.sample(validRequest, { numRuns: 300, seed: 1 }).flatMap((r) => Object.keys(r as object)));
    expect([...seen].sort()).toEqual(Object.keys(shapes.StartWebRTCContactRequest.members).sort());
  });

  prop([validRequest])('a request generated valid from the shapes has no violation', (request) => {
    expect(validate(request)).toEqual([]);
  });

  prop([fc.jsonValue()])('any JSON value: never throws, well-formed violations, input untouched', (input) => {
    const before = JSON.stringify(input);
    const violations = expectWellFormed(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(validate(input)).toEqual(violations); // deterministic
    expectPathsInside(input, violations);
  });

  prop([mutatedRequest])('a valid request with any member replaced by any JSON: well-formed violations', (input) => {
    const before = JSON.stringify(input);
    const violations = expectWellFormed(input);
    expect(JSON.stringify(input)).toBe(before);
    expectPathsInside(input, violations);
  });

  const anything = fc.anything({
    withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withObjectString: true,
    withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true, stringUnit: 'binary',
  });

  prop([anything])('any JS value: never throws, well-formed violations', (input) => {
    expectWellFormed(input);
  });

  const memberNames = Object.keys(shapes.StartWebRTCContactRequest.members);
  prop([fc.record(Object.fromEntries(memberNames.map((m) => [m, anything])), { requiredKeys: [] })])(
    'the real member names holding any JS value: never throws, well-formed violations',
    (input) => {
      expectWellFormed(input);
    },
  );
});
