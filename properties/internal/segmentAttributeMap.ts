import fc from 'fast-check';
import { objectFromEntries } from '../arbitraries/objectFromEntries.ts';
import { segmentAttributeName } from '../arbitraries/segmentAttributeName.ts';
import type { SegmentAttributeValue } from '../arbitraries/types.ts';

/** A map of segment attribute names to values (the first of a name wins), built without spreading keys. */
export function segmentAttributeMap(
  value: fc.Arbitrary<SegmentAttributeValue>,
  maxEntries: number,
): fc.Arbitrary<Record<string, SegmentAttributeValue>> {
  return fc.array(fc.tuple(segmentAttributeName(), value), { maxLength: maxEntries }).map((entries) => {
    const seen = new Set<string>();
    return objectFromEntries(entries.filter(([k]) => !seen.has(k) && Boolean(seen.add(k))));
  });
}
