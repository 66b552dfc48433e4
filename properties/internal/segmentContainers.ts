import { shapes } from '../../harness/contract/index.ts';
import { shapeNamed } from './shapeNamed.ts';

/** SegmentAttributeValue's members that nest further values (ValueMap, ValueList), with their kind. */
export function segmentContainers(): readonly { readonly member: string; readonly kind: 'map' | 'list' }[] {
  const out: { member: string; kind: 'map' | 'list' }[] = [];
  for (const [member, ref] of Object.entries(shapes.SegmentAttributeValue.members)) {
    const { type } = shapeNamed(ref.shape);
    if (type === 'map' || type === 'list') out.push({ member, kind: type });
  }
  return out;
}
