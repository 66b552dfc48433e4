import { it, expect } from 'vitest';
import { siteOf } from './failure-group.ts';
it("generalises map keys and list positions, and nesting of any depth to one level", () => {
  expect(siteOf('/SegmentAttributes/a/ValueMap/b/ValueMap/c/ValueList/0/ValueString')).toBe('/SegmentAttributes/*/…/*/ValueString');
  expect(siteOf('/SegmentAttributes/a/ValueMap/b/ValueString')).toBe('/SegmentAttributes/*/…/*/ValueString');
  expect(siteOf('/SegmentAttributes/a/ValueString')).toBe('/SegmentAttributes/*/ValueString');
  expect(siteOf('/Attributes/x.y')).toBe('/Attributes/*');
  expect(siteOf('')).toBe('(request)');
});
