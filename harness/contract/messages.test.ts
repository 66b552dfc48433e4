// Template rendering: the one place where violation data becomes text.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { memberPath, renderTemplate, violationVars } from './messages.ts';
import { childPath } from './violation.ts';

/** Property tests with plain fast-check (seed printed on failure): @fast-check/vitest would load
 * vitest's whole runtime again in every worker, about 2 s per file. */
function prop<Ts extends unknown[]>(arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }) {
  return (name: string, predicate: (...args: Ts) => void): void => {
    test(name, () => {
      fc.assert(fc.property(fc.tuple<Ts>(...arbitraries), (args) => predicate(...args)));
    });
  };
}

describe('renderTemplate', () => {
  test('substitutes every occurrence, numbers included', () => {
    expect(renderTemplate('{a}-{b}-{a}', { a: 'x', b: 3 })).toBe('x-3-x');
  });

  test('leaves a placeholder it has no value for as it is', () => {
    expect(renderTemplate('{a} {missing}', { a: 'x' })).toBe('x {missing}');
    expect(renderTemplate('{a}', { a: undefined })).toBe('{a}');
  });

  test('a placeholder named after an Object.prototype member is unknown, not the inherited member', () => {
    // Templates come from profile files: "{constructor}" must not render a function's source.
    const template = '{constructor} {toString} {__proto__} {hasOwnProperty} {valueOf}';
    expect(renderTemplate(template, {})).toBe(template);
    expect(renderTemplate(template, { path: 'x' })).toBe(template);
    expect(renderTemplate('{constructor}', JSON.parse('{"constructor": "given"}') as Record<string, string>)).toBe('given');
  });

  test('braces that are no placeholder are text', () => {
    expect(renderTemplate('{} { a } {a-b}', { a: 'x' })).toBe('{} { a } {a-b}');
  });

  prop([fc.string(), fc.string()])('a value is inserted once, never rendered again', (a, b) => {
    expect(renderTemplate('[{a}]', { a: `{b}${a}`, b })).toBe(`[{b}${a}]`);
  });
});

describe('memberPath', () => {
  test('names members as AWS messages do', () => {
    expect(memberPath('')).toBe('(request)');
    expect(memberPath('/InstanceId')).toBe('InstanceId');
    expect(memberPath('/ParticipantDetails/DisplayName')).toBe('ParticipantDetails.DisplayName');
    expect(memberPath('/Attributes/a~1b~0c')).toBe('Attributes.a/b~c');
  });

  prop([fc.array(fc.string({ unit: fc.constantFrom('a', '~', '/', '0', '1', '.') }), { minLength: 1 })])(
    'unescapes every token of a pointer built by childPath',
    (tokens) => {
      expect(memberPath(tokens.reduce(childPath, ''))).toBe(tokens.join('.'));
    },
  );
});

describe('violationVars', () => {
  test('says which side of a numeric bound was crossed', () => {
    expect(violationVars({ path: '/InstanceId', rule: 'length', limit: 1, actual: 0 })).toMatchObject({ path: 'InstanceId', limit: 1, actual: 0, relation: 'greater than or equal to' });
    expect(violationVars({ path: '/InstanceId', rule: 'length', limit: 100, actual: 101 })).toMatchObject({ relation: 'less than or equal to' });
  });

  test('lists allowed values and keeps a missing actual missing', () => {
    const vars = violationVars({ path: '/References/r/Type', rule: 'enum', limit: ['URL', 'DATE'] });
    expect(vars.limit).toBe('URL, DATE');
    expect(vars.actual).toBeUndefined();
    expect(vars.path).toBe('References.r.Type');
  });
});
