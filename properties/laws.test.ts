// The laws that keep the arbitraries and `validate` in agreement (numRuns: fast-check's default).
import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { allRules, validate, type Rule, abbreviate } from '../harness/contract/index.ts';
import { invalidRequest, invalidTags, requestCase, validRequest, type InvalidCase } from './arbitraries/index.ts';
import { described, printable, shortPath } from './readable.ts';

const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
/** The tag as validate would describe it: "rule at /path". */
const expected = (c: InvalidCase): string => `${c.tag.rule} at ${shortPath(c.tag.path)}`;
const reports = (request: unknown, c: InvalidCase): boolean => validate(request).some((v) => v.rule === c.tag.rule && v.path === c.tag.path);

describe('(a) every valid request validates clean', () => {
  test.prop([printable(validRequest())])('as generated', ({ request }) => {
    expect(described(validate(request), true)).toEqual([]);
  });

  test.prop([printable(validRequest())])('after a JSON round-trip', ({ request }) => {
    expect(described(validate(viaJson(request)), true)).toEqual([]);
  });

  test.prop([printable(validRequest({ instanceId: 'instance-a', contactFlowId: ['flow-1', 'flow-2'], segmentAttributes: false }))])(
    'with fixed ids and no SegmentAttributes, as an older SDK sends',
    ({ request }) => {
      expect(request.InstanceId).toBe('instance-a');
      expect(['flow-1', 'flow-2']).toContain(request.ContactFlowId);
      expect(Object.keys(request)).not.toContain('SegmentAttributes');
      expect(described(validate(request), true)).toEqual([]);
    },
  );
});

describe('(b) every invalid request breaks its tagged rule at its tagged path', () => {
  test.prop([invalidRequest()])('as generated', (c) => {
    expect(described(validate(c.request))).toContain(expected(c));
  });

  test.prop([invalidRequest({ instanceId: 'instance-a', segmentAttributes: false })])('with a fixed InstanceId and no SegmentAttributes', (c) => {
    expect(described(validate(c.request))).toContain(expected(c));
    expect(Object.keys(c.request)).not.toContain('SegmentAttributes');
    if (!c.tag.class.includes('InstanceId') && c.tag.path !== '/InstanceId') expect(c.request.InstanceId).toBe('instance-a');
  });
});

describe('(d) every invalid request still breaks its tag after a JSON round-trip', () => {
  test.prop([invalidRequest()])('JSON.parse(JSON.stringify(request))', (c) => {
    expect(described(validate(viaJson(c.request)))).toContain(expected(c));
  });
});

describe('(c) a shrunk counterexample still carries its tag', () => {
  const rules = [...new Set(invalidTags.map((t) => t.rule))];
  const SEED = 20_240_601;

  it.each(rules)('%s: "validate finds nothing" fails, and the shrunk case still breaks its tag', (rule: Rule) => {
    const run = fc.check(fc.property(invalidRequest({ rules: [rule] }), (c) => validate(c.request).length === 0), { seed: SEED });
    expect(run.failed).toBe(true);
    const [shrunk] = run.counterexample ?? [];
    if (!shrunk) throw new Error('no counterexample');
    expect(shrunk.tag.rule).toBe(rule);
    expect(reports(shrunk.request, shrunk), expected(shrunk)).toBe(true);
  });

  it('a property failing for a reason unrelated to the tag shrinks to a case that still breaks its tag', () => {
    // A target that chokes on bodies over 3 000 characters: shrinking minimises the base request,
    // and must never trade the mutation away for a smaller body.
    const run = fc.check(fc.property(invalidRequest(), (c) => JSON.stringify(c.request).length <= 3000), { seed: SEED });
    expect(run.failed).toBe(true);
    expect(run.numShrinks).toBeGreaterThan(0);
    const [shrunk] = run.counterexample ?? [];
    if (!shrunk) throw new Error('no counterexample');
    expect(reports(shrunk.request, shrunk), expected(shrunk)).toBe(true);
  });
});

describe('tags and request cases', () => {
  it('tag classes are unique and name rules of the contract', () => {
    const ids = invalidTags.map((t) => t.class);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of invalidTags) expect(allRules).toContain(t.rule);
  });

  test.prop([requestCase(0.5)])('a request case is valid, or breaks its tag', (c) => {
    if (c.kind === 'valid') expect(described(validate(c.request), true)).toEqual([]);
    else expect(described(validate(c.request))).toContain(`${c.tag.rule} at ${shortPath(c.tag.path)}`);
  });

  it('the invalid ratio holds at its extremes and roughly in between', () => {
    expect(fc.sample(requestCase(0), { numRuns: 50, seed: 1 }).every((c) => c.kind === 'valid')).toBe(true);
    expect(fc.sample(requestCase(1), { numRuns: 50, seed: 1 }).every((c) => c.kind === 'invalid')).toBe(true);
    const mixed = fc.sample(requestCase(0.25), { numRuns: 400, seed: 1 });
    const share = mixed.filter((c) => c.kind === 'invalid').length / mixed.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.35);
    expect(() => requestCase(1.5)).toThrow(RangeError);
  });

  it('refuses options that would make a "valid" request invalid or narrow a run by a typo', () => {
    expect(() => validRequest({ instanceId: '' })).toThrow(RangeError);
    expect(() => invalidRequest({ classes: ['length/InstanceId/max+2'] })).toThrow(RangeError);
  });

  it('prints sensitive members as their measures only', () => {
    expect(abbreviate({ Description: 'secret text' })).toBe('{"Description":<sensitive: 11 cp, 11 B>}');
  });

  it('the same seed gives the same corpus', () => {
    const a = fc.sample(requestCase(0.3), { numRuns: 20, seed: 42 });
    const b = fc.sample(requestCase(0.3), { numRuns: 20, seed: 42 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
