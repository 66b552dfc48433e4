// Model constraints member by member. The members, their paths and their bounds are not listed here:
// they are found by walking `shapes` from StartWebRTCContactRequest, so a member added to the contract
// is tested without an edit to this file. Every case starts from a minimal valid request and sets
// exactly one value.
import { describe, expect, test } from 'vitest';
import { shapes } from './shapes.ts';
import type { Shape, StringShape, StructureShape } from './shape-types.ts';
import { documentedRules } from './documented-rules.ts';
import { childPath, type Rule, type Violation } from './violation.ts';
import { validate } from './validate.ts';
import { validateShape } from './validate-shape.ts';

const byName = shapes as Readonly<Record<string, Shape>>;
const ROOT = 'StartWebRTCContactRequest';
/** The key used when a value is placed inside a map: valid under every key rule (A2 included). */
const KEY = 'k';
const ABSENT = Symbol('absent');

function shapeOf(name: string): Shape {
  const shape = byName[name];
  if (!shape) throw new Error(`test: no shape ${name}`);
  return shape;
}

function memberShape(shape: StructureShape, member: string): string {
  const ref = shape.members[member];
  if (!ref) throw new Error(`test: no member ${member}`);
  return ref.shape;
}

/** The smallest valid value of a shape: required members only, strings at their minimum length. */
function minimal(name: string): unknown {
  const shape = shapeOf(name);
  switch (shape.type) {
    case 'string':
      return shape.enum ? shape.enum[0] : 'a'.repeat(shape.length?.min ?? 0);
    case 'integer':
      return 0;
    case 'map':
      return {};
    case 'list':
      return [];
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const name of shape.required ?? []) out[name] = minimal(memberShape(shape, name));
      return out;
    }
  }
}

type Request = Record<string, unknown>;

/** One place in a request where a value (or, for map-key sites, a key) can be put. */
interface Site {
  /** The path with "{key}" where a map-key site's key goes, for test names. */
  readonly label: string;
  readonly kind: 'member' | 'map-key' | 'map-value' | 'list-item';
  /** The shape of what is placed (for map-key sites, the key's shape). */
  readonly shape: string;
  readonly required: boolean;
  /** Where a violation about the placed value (or key) points. */
  path(placed: unknown): string;
  /** The minimal request with `placed` put at this site; ABSENT removes a member. */
  place(placed: unknown): Request;
}

function findSites(): Site[] {
  const out: Site[] = [];
  const visit = (name: string, path: string, place: (v: unknown) => Request, stack: readonly string[]): void => {
    const shape = shapeOf(name);
    // Recursive shapes (SegmentAttributeValue) are entered once per path: one level shows every site.
    if (stack.includes(name)) return;
    const inner = [...stack, name];
    if (shape.type === 'structure') {
      for (const member of Object.keys(shape.members)) {
        const target = memberShape(shape, member);
        const memberPath = childPath(path, member);
        const placeMember = (v: unknown): Request => {
          const parent = minimal(name) as Request;
          if (v === ABSENT) delete parent[member];
          else parent[member] = v;
          return place(parent);
        };
        const required = shape.required?.includes(member) ?? false;
        out.push({ label: memberPath, kind: 'member', shape: target, required, path: () => memberPath, place: placeMember });
        visit(target, memberPath, placeMember, inner);
      }
    } else if (shape.type === 'map') {
      // Computed keys define own properties, so "__proto__" would be data here too.
      out.push({
        label: `${path}/{key}`, kind: 'map-key', shape: shape.key.shape, required: false,
        path: (key) => childPath(path, key as string),
        place: (key) => place({ [key as string]: minimal(shape.value.shape) }),
      });
      const valuePath = childPath(path, KEY);
      const placeValue = (v: unknown): Request => place({ [KEY]: v });
      out.push({ label: valuePath, kind: 'map-value', shape: shape.value.shape, required: false, path: () => valuePath, place: placeValue });
      visit(shape.value.shape, valuePath, placeValue, inner);
    } else if (shape.type === 'list') {
      const itemPath = `${path}/0`;
      const placeItem = (v: unknown): Request => place([v] as unknown as Request);
      out.push({ label: itemPath, kind: 'list-item', shape: shape.member.shape, required: false, path: () => itemPath, place: placeItem });
      visit(shape.member.shape, itemPath, placeItem, inner);
    }
  };
  visit(ROOT, '', (v) => v as Request, []);
  return out;
}

const sites = findSites();
const valueSites = sites.filter((s) => s.kind !== 'map-key');

/**
 * The documentation-only violations a request must carry, computed apart from validate-documented.ts
 * with Node's own byte count. Only A1, A2 and R2 can follow from a length or a lone surrogate: the
 * minimal Reference has a Type allowed at creation and is not a DATE.
 */
function documentedExpected(request: Request): { rules: Set<Rule>; data: Violation[] } {
  const { A1, A2, R2 } = documentedRules;
  const rules = new Set<Rule>();
  const data: Violation[] = [];
  const attributes = request.Attributes;
  if (typeof attributes === 'object' && attributes !== null) {
    let bytes = 0;
    for (const [key, value] of Object.entries(attributes)) {
      bytes += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
      if (key !== '' && !new RegExp(A2.allowedPattern).test(key)) rules.add(A2.rule);
    }
    if (bytes > A1.limitBytes) {
      rules.add(A1.rule);
      data.push({ path: '/Attributes', rule: A1.rule, limit: A1.limitBytes, actual: bytes });
    }
  }
  const references = request.References;
  if (typeof references === 'object' && references !== null) {
    let bytes = 0;
    for (const [key, reference] of Object.entries(references)) {
      bytes += Buffer.byteLength(key);
      const value: unknown = typeof reference === 'object' && reference !== null ? (reference as Request).Value : undefined;
      if (typeof value === 'string') bytes += Buffer.byteLength(value);
    }
    if (bytes > R2.limitBytes) {
      rules.add(R2.rule);
      data.push({ path: '/References', rule: R2.rule, limit: R2.limitBytes, actual: bytes });
    }
  }
  return { rules, data };
}

const rulesOf = (violations: readonly Violation[]): Set<Rule> => new Set(violations.map((v) => v.rule));

describe('the walk over shapes', () => {
  test('finds every member the contract names', () => {
    const labels = sites.map((s) => s.label);
    expect(labels).toEqual(expect.arrayContaining([
      '/InstanceId', '/ContactFlowId', '/ParticipantDetails', '/ParticipantDetails/DisplayName', '/ClientToken',
      '/RelatedContactId', '/Description', '/Attributes/{key}', '/Attributes/k', '/AllowedCapabilities/Customer/Video',
      '/AllowedCapabilities/Agent/ScreenShare', '/References/{key}', '/References/k/Value', '/References/k/Type',
      '/References/k/Status', '/References/k/Arn', '/References/k/StatusReason', '/SegmentAttributes/{key}',
      '/SegmentAttributes/k/ValueString', '/SegmentAttributes/k/ValueArn', '/SegmentAttributes/k/ValueInteger',
      '/SegmentAttributes/k/ValueMap/{key}', '/SegmentAttributes/k/ValueMap/k', '/SegmentAttributes/k/ValueList/0',
    ]));
  });

  test('every member name of every structure needs no escaping in a JSON Pointer (the walk joins them as they are)', () => {
    for (const shape of Object.values(shapes) as Shape[]) {
      if (shape.type !== 'structure') continue;
      for (const name of Object.keys((shape as StructureShape).members)) expect(childPath('/p', name)).toBe(`/p/${name}`);
    }
  });

  test('the minimal request and every site filled with its minimal value are valid', () => {
    expect(validate(minimal(ROOT))).toEqual([]);
    for (const site of sites) {
      const placed = site.kind === 'map-key' ? 'a'.repeat((shapeOf(site.shape) as StringShape).length?.min ?? 1) : minimal(site.shape);
      expect(validate(site.place(placed)), site.label).toEqual([]);
    }
  });
});

describe('length edges, in code points, of every length-constrained string', () => {
  // Each character makes UTF-16 units, code points and UTF-8 bytes differ in its own way.
  const characters = ['a', 'é', '€', '😀'];
  const lengthSites = sites.filter((s) => {
    const shape = shapeOf(s.shape);
    return shape.type === 'string' && shape.length !== undefined;
  });

  test('lengths are found on every member the contract bounds', () => {
    expect(lengthSites.map((s) => s.label)).toEqual(expect.arrayContaining([
      '/InstanceId', '/ContactFlowId', '/ParticipantDetails/DisplayName', '/ClientToken', '/RelatedContactId', '/Description',
      '/Attributes/{key}', '/Attributes/k', '/References/{key}', '/References/k/Value', '/References/k/Arn',
      '/References/k/StatusReason', '/SegmentAttributes/{key}', '/SegmentAttributes/k/ValueString', '/SegmentAttributes/k/ValueArn',
    ]));
  });

  for (const site of lengthSites) {
    const shape = shapeOf(site.shape) as StringShape;
    const min = shape.length?.min ?? 0;
    const max = shape.length?.max;
    const edges = [...new Set([min - 1, min, ...(max === undefined ? [] : [max, max + 1])])].filter((n) => n >= 0);
    const rule: Rule = site.kind === 'map-key' ? 'key-length' : 'length';
    for (const c of characters) {
      for (const n of edges) {
        test(`${site.label} = ${JSON.stringify(c)} x ${n}`, () => {
          // A pattern constrains the first character only (ReferenceArn): start with one it allows.
          const text = n === 0 ? '' : (shape.pattern !== undefined ? 'a' : c) + c.repeat(n - 1);
          const request = site.place(text);
          const path = site.path(text);
          const violations = validate(request);
          const below = n < min;
          const above = max !== undefined && n > max;
          const expected = documentedExpected(request);
          if (below || above) {
            expect(violations).toContainEqual({ path, rule, limit: below ? min : max, actual: n });
            expected.rules.add(rule);
          } else {
            expect(violations.filter((v) => v.path === path && v.rule === rule)).toEqual([]);
          }
          for (const v of expected.data) expect(violations).toContainEqual(v);
          expect(rulesOf(violations)).toEqual(expected.rules);
        });
      }
    }
  }
});

describe('required members', () => {
  const requiredSites = sites.filter((s) => s.kind === 'member' && s.required);

  test('are found where the contract requires them', () => {
    expect(requiredSites.map((s) => s.label).sort()).toEqual(
      ['/ContactFlowId', '/InstanceId', '/ParticipantDetails', '/ParticipantDetails/DisplayName', '/References/k/Type'].sort(),
    );
  });

  for (const site of requiredSites) {
    test(`${site.label} missing`, () => {
      expect(validate(site.place(ABSENT))).toEqual([{ path: site.path(ABSENT), rule: 'required' }]);
    });
    test(`${site.label} null is read as absent`, () => {
      expect(validate(site.place(null))).toEqual([{ path: site.path(null), rule: 'required' }]);
    });
  }

  for (const site of sites.filter((s) => s.kind === 'member' && !s.required)) {
    test(`${site.label} is optional: absent or null is no violation`, () => {
      expect(validate(site.place(ABSENT))).toEqual([]);
      expect(validate(site.place(null))).toEqual([]);
    });
  }
});

describe('enums', () => {
  const enumSites = valueSites.filter((s) => {
    const shape = shapeOf(s.shape);
    return shape.type === 'string' && shape.enum !== undefined;
  });

  test('are found on every capability and on Reference Type and Status', () => {
    expect(enumSites.map((s) => s.label).sort()).toEqual([
      '/AllowedCapabilities/Agent/ScreenShare', '/AllowedCapabilities/Agent/Video', '/AllowedCapabilities/Customer/ScreenShare',
      '/AllowedCapabilities/Customer/Video', '/References/k/Status', '/References/k/Type',
    ]);
  });

  for (const site of enumSites) {
    const values = (shapeOf(site.shape) as StringShape).enum ?? [];
    for (const value of values) {
      test(`${site.label} = ${value} satisfies the model`, () => {
        const request = site.place(value);
        // Some values break a documentation-only rule (R1 at creation): the model itself accepts them.
        expect(validateShape(ROOT, request)).toEqual([]);
        expect(validate(request).filter((v) => v.rule === 'enum')).toEqual([]);
      });
      for (const wrong of [value.toLowerCase(), ` ${value}`]) {
        test(`${site.label} = ${JSON.stringify(wrong)} (wrong case or spacing) → enum`, () => {
          expect(validate(site.place(wrong))).toEqual([{ path: site.path(wrong), rule: 'enum', limit: values, actual: wrong }]);
        });
      }
    }
    test(`${site.label} = an unknown value → enum`, () => {
      const wrong = 'NOT_A_VALUE';
      expect(validate(site.place(wrong))).toEqual([{ path: site.path(wrong), rule: 'enum', limit: values, actual: wrong }]);
    });
  }

  test('AllowedCapabilities may be empty at either level', () => {
    const request = minimal(ROOT) as Request;
    expect(validate({ ...request, AllowedCapabilities: {} })).toEqual([]);
    expect(validate({ ...request, AllowedCapabilities: { Customer: {} } })).toEqual([]);
    expect(validate({ ...request, AllowedCapabilities: { Customer: {}, Agent: {} } })).toEqual([]);
  });
});

describe('JSON types', () => {
  // [value, its JSON type name as violations report it]
  const samples: readonly (readonly [unknown, string])[] = [
    ['x', 'string'], [1, 'integer'], [1.5, 'number'], [true, 'boolean'], [[], 'array'], [{}, 'object'], [['x'], 'array'],
  ];
  const expectedType = { string: 'string', integer: 'integer', structure: 'object', map: 'object', list: 'array' } as const;

  for (const site of valueSites) {
    const shape = shapeOf(site.shape);
    const wanted = expectedType[shape.type];
    for (const [value, type] of samples) {
      if (type === wanted) continue;
      test(`${site.label} given ${JSON.stringify(value)} → type`, () => {
        expect(validate(site.place(value))).toEqual([{ path: site.path(value), rule: 'type', limit: wanted, actual: type }]);
      });
    }
    if (site.kind !== 'member') {
      // Maps and lists are dense: null is a value of the wrong type, not an absence.
      test(`${site.label} given null → type`, () => {
        expect(validate(site.place(null))).toEqual([{ path: site.path(null), rule: 'type', limit: wanted, actual: 'null' }]);
      });
    }
  }

  describe('SegmentAttributes ValueInteger is a 32-bit signed integer (Smithy integer)', () => {
    const site = sites.find((s) => s.label === '/SegmentAttributes/k/ValueInteger');
    if (!site) throw new Error('test: no ValueInteger site');
    for (const value of [0, -0, 42, 2 ** 31 - 1, -(2 ** 31)]) {
      test(`${value} is valid`, () => expect(validate(site.place(value))).toEqual([]));
    }
    for (const value of [2 ** 31, -(2 ** 31) - 1, 1.5, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY, '1']) {
      test(`${String(value)} → type`, () => {
        const violations = validate(site.place(value));
        expect(violations).toEqual([{ path: site.path(value), rule: 'type', limit: 'integer', actual: expect.any(String) }]);
      });
    }
  });
});

describe('lone surrogates', () => {
  const stringSites = sites.filter((s) => shapeOf(s.shape).type === 'string');
  const broken = ['\ud800', 'ab\udc00', '\udc00\ud83d', 'SEND\ud83d'];
  for (const site of stringSites) {
    for (const text of broken) {
      test(`${site.label} = ${JSON.stringify(text)} → well-formed-unicode`, () => {
        const request = site.place(text);
        const violations = validate(request);
        expect(violations).toContainEqual({ path: site.path(text), rule: 'well-formed-unicode' });
        // A string that cannot be decoded is not measured or matched any further.
        const expected = documentedExpected(request).rules;
        expected.add('well-formed-unicode');
        expect(rulesOf(violations)).toEqual(expected);
      });
    }
  }
});
