import { objectFromEntries } from '../arbitraries/objectFromEntries.ts';
import { segmentContainers } from '../internal/segmentContainers.ts';
import type { SegmentAttributeValue } from '../arbitraries/index.ts';

export type Container = ReturnType<typeof segmentContainers>[number];

/** The key every ValueMap on a chain uses: fixed, so the case is the same at every build. */
const KEY = 'a';

/**
 * A SegmentAttributeValue sitting at JSON depth `at` whose deepest object or array lies at exactly
 * `deepest` (depth = tokens of its JSON Pointer, the validator's measure), nesting through `link`
 * containers only. Values sit at even offsets from `at`, containers at odd ones, so an odd span ends
 * in an empty `end` container and an even one in an empty value. The deterministic counterpart of
 * the arbitraries' segmentAttributeChain.
 */
export function segmentChain(at: number, deepest: number, link: Container, end: Container | undefined): { value: SegmentAttributeValue; tokens: string[] } {
  const span = deepest - at;
  if (span < 0 || (span % 2 === 1) !== (end !== undefined)) throw new RangeError(`segmentChain: a span of ${span} cannot end in ${end?.member ?? 'a value'}`);
  const wrap = (c: Container, inner: unknown): unknown => (c.kind === 'map' ? objectFromEntries([[KEY, inner]]) : [inner]);
  let value: SegmentAttributeValue = end === undefined ? {} : objectFromEntries([[end.member, end.kind === 'map' ? {} : []]]);
  const links = span >> 1;
  for (let i = 0; i < links; i++) value = objectFromEntries([[link.member, wrap(link, value)]]);
  const tokens = Array.from({ length: links }, () => [link.member, link.kind === 'map' ? KEY : '0']).flat();
  if (end !== undefined) tokens.push(end.member);
  return { value, tokens };
}
