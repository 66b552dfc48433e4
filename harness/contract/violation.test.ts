// Violation paths are RFC 6901 JSON Pointers; the rule lists partition the rules.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { allRules, childPath, documentedRuleNames, pathTokens, schemaRules, serializationRules } from './violation.ts';
import { documentedRules } from './documented-rules.ts';

/** Property tests with plain fast-check (seed printed on failure): @fast-check/vitest would load
 * vitest's whole runtime again in every worker, about 2 s per file. */
function prop<Ts extends unknown[]>(arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }) {
  return (name: string, predicate: (...args: Ts) => void): void => {
    test(name, () => {
      fc.assert(fc.property(fc.tuple<Ts>(...arbitraries), (args) => predicate(...args)));
    });
  };
}

describe('JSON Pointer paths', () => {
  test('escape "~" as "~0" and "/" as "~1"', () => {
    expect(childPath('', 'Attributes')).toBe('/Attributes');
    expect(childPath('/Attributes', 'a/b')).toBe('/Attributes/a~1b');
    expect(childPath('/Attributes', '~1')).toBe('/Attributes/~01');
    expect(childPath('/Attributes', '')).toBe('/Attributes/');
    expect(pathTokens('')).toEqual([]);
    expect(pathTokens('/')).toEqual(['']);
    expect(pathTokens('/a~01/b~10')).toEqual(['a~1', 'b/0']);
  });

  const token = fc.oneof(fc.string({ unit: fc.constantFrom('~', '/', '0', '1', 'a') }), fc.string({ unit: 'binary' }));
  prop([fc.array(token)])('pathTokens undoes childPath', (tokens) => {
    const path = tokens.reduce(childPath, '');
    expect(pathTokens(path)).toEqual(tokens);
    expect(path === '' || path.startsWith('/')).toBe(true);
  });
});

describe('rules', () => {
  test('allRules is the disjoint union of serialization, schema and documented rules', () => {
    const union = [...serializationRules, ...schemaRules, ...documentedRuleNames];
    expect(new Set(union).size).toBe(union.length);
    expect([...allRules].sort()).toEqual(union.sort());
  });

  test('every documented rule has its rule name in the list', () => {
    expect(Object.values(documentedRules).map((r) => r.rule).sort()).toEqual([...documentedRuleNames].sort());
  });
});
