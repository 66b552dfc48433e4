// Rules A1, A2, R1, R2, R3 (docs/contract.md §3): stated only in AWS documentation prose, so no
// schema-driven tool checks them. Every bound comes from `documentedRules` and `shapes`.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { documentedRules } from './documented-rules.ts';
import { shapes } from './shapes.ts';
import { codePointLength } from './unicode.ts';
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

const { A1, A2, R1, R2, R3 } = documentedRules;

function request(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { InstanceId: 'instance', ContactFlowId: 'flow', ParticipantDetails: { DisplayName: 'Customer' }, ...extra };
}

const bytesOf = (s: string): number => Buffer.byteLength(s, 'utf8');

/** A string of exactly `bytes` UTF-8 bytes: as many `c` as fit, padded with ASCII. */
function fill(bytes: number, c: string): string {
  const size = bytesOf(c);
  const s = c.repeat(Math.floor(bytes / size)) + 'a'.repeat(bytes % size);
  if (bytesOf(s) !== bytes) throw new Error('test: fill is wrong');
  return s;
}

function totalBytes(map: Record<string, unknown>, valueOf: (v: unknown) => unknown): number {
  let n = 0;
  for (const [key, value] of Object.entries(map)) {
    const v = valueOf(value);
    n += bytesOf(key) + (typeof v === 'string' ? bytesOf(v) : 0);
  }
  return n;
}

describe('A1: attribute keys and values share a UTF-8 byte budget', () => {
  const valueMax = shapes.AttributeValue.length.max;
  const keyMax = shapes.AttributeName.length.max;
  const over = (actual: number) => [{ path: '/Attributes', rule: A1.rule, limit: A1.limitBytes, actual }];

  for (const c of ['é', '€', '😀']) {
    test(`one value of ${c} characters at exactly the budget, then one byte over`, () => {
      const key = 'k';
      const value = fill(A1.limitBytes - bytesOf(key), c);
      expect(codePointLength(value)).toBeLessThanOrEqual(valueMax);
      expect(validate(request({ Attributes: { [key]: value } }))).toEqual([]);
      expect(validate(request({ Attributes: { [key]: `${value}a` } }))).toEqual(over(A1.limitBytes + 1));
    });
  }

  test('several entries mixing 1- to 4-byte characters, at the budget and one byte over', () => {
    const share = Math.floor(A1.limitBytes / 4);
    const attributes: Record<string, string> = {};
    for (const [i, c] of ['a', 'é', '€', '😀'].entries()) attributes[`k${i}`] = fill(share - 10, c);
    const used = totalBytes(attributes, (v) => v);
    attributes.last = fill(A1.limitBytes - used - bytesOf('last'), '€');
    expect(totalBytes(attributes, (v) => v)).toBe(A1.limitBytes);
    expect(validate(request({ Attributes: attributes }))).toEqual([]);
    attributes.last += 'é';
    expect(validate(request({ Attributes: attributes }))).toEqual(over(A1.limitBytes + 2));
  });

  test('keys count as much as values', () => {
    const key = 'K'.repeat(Math.min(keyMax, A1.limitBytes / 2));
    const value = fill(A1.limitBytes - bytesOf(key), '€');
    expect(validate(request({ Attributes: { [key]: value } }))).toEqual([]);
    const longer = `${key}K`;
    expect(validate(request({ Attributes: { [longer]: value } }))).toEqual(over(A1.limitBytes + 1));
  });

  test('a value of the wrong type counts no bytes (it is a type violation)', () => {
    const key = fill(A1.limitBytes, 'a').slice(0, keyMax);
    const violations = validate(request({ Attributes: { [key]: 5 } }));
    expect(violations.map((v) => v.rule)).toEqual(['type']);
  });

  // Random attributes, then two pad entries bringing the total to the budget plus or minus a few
  // bytes (two, because one value of 1-byte characters would break the value length bound first).
  const pads = ['pad1', 'pad2'];
  prop([
    fc.dictionary(fc.stringMatching(new RegExp(A2.allowedPattern)), fc.string({ unit: 'binary', maxLength: 40 }), { maxKeys: 6 }),
    fc.integer({ min: -4, max: 4 }),
    fc.constantFrom('a', 'é', '€', '😀'),
  ])('A1 fires exactly when Node counts more than the budget, and reports that count', (generated, delta, c) => {
    const attributes: Record<string, string> = Object.fromEntries(Object.entries(generated).filter(([k]) => !pads.includes(k)));
    const need = A1.limitBytes + delta - totalBytes(attributes, (v) => v) - pads.reduce((n, k) => n + bytesOf(k), 0);
    fc.pre(need >= 0);
    const half = Math.floor(need / 2);
    attributes.pad1 = fill(half, c);
    attributes.pad2 = fill(need - half, c);
    const total = totalBytes(attributes, (v) => v);
    expect(total).toBe(A1.limitBytes + delta);
    expect(validate(request({ Attributes: attributes }))).toEqual(total > A1.limitBytes ? over(total) : []);
  });
});

describe('A2: attribute keys are ASCII alphanumerics, "-" and "_"', () => {
  const refused: readonly (readonly [string, string])[] = [
    ['space', 'a b'], ['dot', 'a.b'], ['colon', 'a:b'], ['slash', 'a/b'], ['tilde', 'a~b'], ['dollar', '$a'], ['at', 'a@b'],
    ['hash', 'a#b'], ['non-ASCII letter', 'é'], ['non-ASCII digit', '٣'], ['emoji', 'a😀'], ['control character', 'a\u0001b'],
    ['NUL', 'a\u0000'], ['newline', 'a\n'], ['plus', 'a+b'],
  ];
  for (const [what, key] of refused) {
    test(`${what}: ${JSON.stringify(key)} → attribute-key-charset`, () => {
      // JSON Pointer escaping: "~" becomes "~0" and "/" becomes "~1".
      const path = `/Attributes/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      expect(validate(request({ Attributes: { [key]: 'v' } }))).toEqual([{ path, rule: A2.rule, limit: expect.any(String), actual: key }]);
    });
  }

  test('the slash and tilde escapes, spelled out', () => {
    const paths = validate(request({ Attributes: { 'a/b': 'v', 'c~d': 'v' } })).map((v) => v.path);
    expect(paths).toEqual(['/Attributes/a~1b', '/Attributes/c~0d']);
  });

  for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a-b', 'a_b', '-', '_', 'Z9', '0']) {
    test(`${JSON.stringify(key)} is a valid key`, () => {
      const attributes = JSON.parse(`{${JSON.stringify(key)}: "v"}`) as Record<string, unknown>;
      expect(validate(request({ Attributes: attributes }))).toEqual([]);
    });
  }

  test('the empty key breaks the key length, not the character set', () => {
    expect(validate(request({ Attributes: { '': 'v' } }))).toEqual([
      { path: '/Attributes/', rule: 'key-length', limit: shapes.AttributeName.length.min, actual: 0 },
    ]);
  });

  test('a long refused key is quoted, truncated', () => {
    const key = '.'.repeat(1000);
    const [violation] = validate(request({ Attributes: { [key]: 'v' } }));
    expect(violation?.rule).toBe(A2.rule);
    const quoted = String(violation?.actual);
    expect(codePointLength(quoted)).toBeLessThan(200);
    expect(key.startsWith(quoted.replace(/…$/, ''))).toBe(true);
  });

  prop([fc.string({ unit: 'binary', minLength: 1, maxLength: 12 })])('A2 agrees with its ASCII reading', (key) => {
    const violations = validate(request({ Attributes: { [key]: 'v' } })).filter((v) => v.rule === A2.rule);
    expect(violations.length).toBe(/^[A-Za-z0-9_-]+$/.test(key) ? 0 : 1);
  });
});

describe('R1: Reference types allowed at creation', () => {
  for (const type of shapes.ReferenceType.enum) {
    const allowed = (R1.allowedTypes as readonly string[]).includes(type);
    test(`${type} is ${allowed ? 'accepted' : 'refused'}`, () => {
      const Value = type === 'DATE' ? '1700000000' : 'value';
      const violations = validate(request({ References: { ref: { Type: type, Value } } }));
      expect(violations).toEqual(allowed ? [] : [{ path: '/References/ref/Type', rule: R1.rule, limit: R1.allowedTypes, actual: type }]);
    });
  }

  test('a type outside the enum is an enum violation only', () => {
    const violations = validate(request({ References: { ref: { Type: 'attachment' } } }));
    expect(violations.map((v) => v.rule)).toEqual(['enum']);
  });

  test('the path escapes the reference key', () => {
    const violations = validate(request({ References: { 'a/b': { Type: 'ATTACHMENT', Value: 'v' } } }));
    expect(violations).toEqual([expect.objectContaining({ path: '/References/a~1b/Type', rule: R1.rule })]);
  });
});

describe('R3: a DATE reference value is an epoch timestamp', () => {
  // The longest epoch the pattern accepts, read from the pattern itself.
  const maxDigits = Number(/\{\d+,(\d+)\}/.exec(R3.valuePattern)?.[1]);
  const date = (reference: Record<string, unknown>) => validate(request({ References: { when: { Type: 'DATE', ...reference } } }));
  const refused = (actual: string) => [{ path: '/References/when/Value', rule: R3.rule, limit: R3.valuePattern, actual }];

  test('the pattern bounds its digits', () => expect(maxDigits).toBeGreaterThan(10));

  for (const Value of ['1700000000', '1700000000000', '0', '9'.repeat(maxDigits)]) {
    test(`${Value} is accepted`, () => expect(date({ Value })).toEqual([]));
  }
  for (const Value of ['', 'abc', '2024-01-01', '-1', '1.5', '1e9', ' 1700000000', '1700000000 ', '１７００', '1'.repeat(maxDigits + 1)]) {
    test(`${JSON.stringify(Value)} → date-reference-value`, () => expect(date({ Value })).toEqual(refused(Value)));
  }
  test('an absent Value means "" → date-reference-value', () => expect(date({})).toEqual(refused('')));
  test('a null Value is absent → date-reference-value', () => expect(date({ Value: null })).toEqual(refused('')));
  test('a Value of the wrong type is a type violation only', () => {
    expect(date({ Value: 1700000000 }).map((v) => v.rule)).toEqual(['type']);
  });
  test('other types do not constrain their Value', () => {
    expect(validate(request({ References: { s: { Type: 'STRING', Value: 'abc' }, u: { Type: 'URL' } } }))).toEqual([]);
  });
});

describe('R2: references share a UTF-8 byte budget (keys + values, assumed)', () => {
  const valueMax = shapes.ReferenceValue.length.max;
  const keyMax = shapes.ReferenceKey.length.max;
  const over = (actual: number) => [{ path: '/References', rule: R2.rule, limit: R2.limitBytes, actual }];
  const ref = (Value?: string) => (Value === undefined ? { Type: 'STRING' } : { Type: 'STRING', Value });

  test('the contract counts keys and values', () => expect(R2.counts).toBe('keys-and-values'));

  for (const c of ['é', '€', '😀']) {
    test(`one Value of ${c} characters at exactly the budget, then one byte over`, () => {
      const value = fill(R2.limitBytes - bytesOf('k'), c);
      expect(codePointLength(value)).toBeLessThanOrEqual(valueMax);
      expect(validate(request({ References: { k: ref(value) } }))).toEqual([]);
      expect(validate(request({ References: { k: ref(`${value}a`) } }))).toEqual(over(R2.limitBytes + 1));
    });
  }

  test('keys count: one key at the budget, then one Value byte more', () => {
    const key = 'r'.repeat(Math.min(keyMax, R2.limitBytes));
    expect(bytesOf(key)).toBe(R2.limitBytes); // the key length bound and the budget coincide
    expect(validate(request({ References: { [key]: ref() } }))).toEqual([]);
    expect(validate(request({ References: { [key]: ref('a') } }))).toEqual(over(R2.limitBytes + 1));
  });

  test('several references at the budget, then one byte over', () => {
    const references: Record<string, { Type: string; Value?: string }> = {
      a: ref(fill(1000, '😀')), 'é': ref(fill(1000, 'é')), '€€': ref(fill(1000, '€')),
    };
    const used = totalBytes(references, (r) => (r as { Value?: string }).Value);
    references.z = ref(fill(R2.limitBytes - used - 1, 'a'));
    expect(validate(request({ References: references }))).toEqual([]);
    references.z = ref(`${references.z.Value ?? ''}é`);
    expect(validate(request({ References: references }))).toEqual(over(R2.limitBytes + 2));
  });

  test('Type, Status, Arn and StatusReason are not counted', () => {
    const value = fill(R2.limitBytes - 1, '€');
    const full = { Type: 'STRING', Value: value, Status: 'AVAILABLE', Arn: 'a'.repeat(shapes.ReferenceArn.length.max), StatusReason: 'x'.repeat(shapes.ReferenceStatusReason.length.max) };
    expect(validate(request({ References: { k: full } }))).toEqual([]);
  });
});
