import fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { boundedString } from './boundedString.ts';
import { segmentAttributeInteger } from '../internal/segmentAttributeInteger.ts';
import { segmentAttributeMap } from '../internal/segmentAttributeMap.ts';
import { shapeNamed } from '../internal/shapeNamed.ts';
import type { SegmentAttributeValue } from './types.ts';

/** Generator tuning: fan-out of a generated ValueMap or ValueList. */
const FAN_OUT = 2;
const cache = new Map<number, fc.Arbitrary<SegmentAttributeValue>>();

/**
 * A valid SegmentAttributeValue nesting ValueMap / ValueList at most `levels` deep. Members follow
 * the shape: strings within their bounds, integers 32-bit, maps and lists of the value again.
 */
export function segmentAttributeValue(levels = 2): fc.Arbitrary<SegmentAttributeValue> {
  const hit = cache.get(levels);
  if (hit) return hit;
  const inner = levels > 0 ? segmentAttributeValue(levels - 1) : undefined;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, member] of Object.entries(shapes.SegmentAttributeValue.members)) {
    const shape = shapeNamed(member.shape);
    if (shape.type === 'string') model[name] = boundedString(member.shape);
    else if (shape.type === 'integer') model[name] = segmentAttributeInteger();
    else if (inner && shape.type === 'map') model[name] = segmentAttributeMap(inner, FAN_OUT);
    else if (inner && shape.type === 'list') model[name] = fc.array(inner, { maxLength: FAN_OUT });
  }
  const arbitrary = fc.record(model, { requiredKeys: [], noNullPrototype: true }) as fc.Arbitrary<SegmentAttributeValue>;
  cache.set(levels, arbitrary);
  return arbitrary;
}
