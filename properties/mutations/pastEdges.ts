import { boundedSites } from '../internal/boundedSites.ts';
import { codePointCount } from '../arbitraries/codePointCount.ts';
import { pastEdgeValue } from './pastEdgeValue.ts';
import { shapeNamed } from '../internal/shapeNamed.ts';
import { siteClass } from '../internal/siteClass.ts';
import type { InvalidClass } from '../arbitraries/types.ts';
import { utf8Bytes } from '../arbitraries/utf8Bytes.ts';

/** Tag classes one code point past each length edge of each bounded site: min-1 (when min > 0) and max+1. */
export function pastEdges(keys: boolean): readonly InvalidClass[] {
  const rule = keys ? 'key-length' : 'length';
  return boundedSites(keys).flatMap((site) => {
    const shape = shapeNamed(site.shape);
    if (shape.type !== 'string' || !shape.length) return [];
    const { min = 0, max } = shape.length;
    const edges: [string, number][] = [];
    if (min > 0) edges.push(['min-1', min - 1]);
    if (max !== undefined) edges.push(['max+1', max + 1]);
    return edges.map(([edge, n]) =>
      siteClass<string>({
        class: `${rule}/${site.id}/${edge}`,
        rule,
        note: `${site.id} of ${n} code points (${edge === 'min-1' ? `min ${min}` : `max ${max}`})`,
        sites: [site],
        value: (s) => pastEdgeValue(s, n),
        describe: (v) => `${codePointCount(v)} code points, ${utf8Bytes(v)} bytes`,
      }),
    );
  });
}
