import { describe, expect, it } from 'vitest';
import { allRules, documentedRules, refusalSource, ruleSources, validate, violationSource } from './index.ts';

const base = { InstanceId: 'i', ContactFlowId: 'f', ParticipantDetails: { DisplayName: 'd' } };

describe('where refusing each rule comes from', () => {
  it('every rule has a source, and only the nesting limit and lone surrogates are wholly assumed', () => {
    expect(Object.keys(ruleSources).sort()).toEqual([...allRules].sort());
    expect(allRules.filter((r) => ruleSources[r] === 'assumed').sort()).toEqual(['nesting-depth', 'well-formed-unicode']);
  });

  it('a reference budget crossed by the values alone is documented; crossed only by counting keys, assumed', () => {
    const limit = documentedRules.R2.limitBytes;
    const byValues = { ...base, References: { k: { Type: 'STRING', Value: 'v'.repeat(limit + 1) } } };
    const byKeys = { ...base, References: { ['k'.repeat(100)]: { Type: 'STRING', Value: 'v'.repeat(limit - 50) } } };
    for (const [request, source] of [[byValues, 'documented'], [byKeys, 'assumed']] as const) {
      const violation = validate(request).find((v) => v.rule === 'reference-byte-budget');
      expect(violation).toBeDefined();
      expect(violationSource(violation!, request)).toBe(source);
    }
  });

  it('a DATE value that is not digits breaks the documented rule; 14 digits only our reading of it', () => {
    const date = (Value: string) => ({ ...base, References: { d: { Type: 'DATE', Value } } });
    const [letters, long] = [date('yesterday'), date('1'.repeat(14))];
    expect(refusalSource(validate(letters), letters)).toBe('documented');
    expect(refusalSource(validate(long), long)).toBe('assumed');
  });

  it('a request breaking an assumed and a modeled rule must be refused on evidence', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { ValueMap: { k: deep } };
    const request = { ...base, ParticipantDetails: { DisplayName: '' }, SegmentAttributes: { a: deep } };
    const violations = validate(request);
    expect(new Set(violations.map((v) => v.rule))).toEqual(new Set(['length', 'nesting-depth']));
    expect(refusalSource(violations, request)).toBe('modeled');
    expect(refusalSource(violations.filter((v) => v.rule === 'nesting-depth'), request)).toBe('assumed');
  });
});
