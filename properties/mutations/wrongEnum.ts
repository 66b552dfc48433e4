import fc from 'fast-check';
import { requestSites } from '../internal/requestSites.ts';
import { shapeNamed } from '../internal/shapeNamed.ts';
import { siteClass } from '../internal/siteClass.ts';
import { stringOfCodePoints } from '../arbitraries/stringOfCodePoints.ts';
import type { InvalidClass } from '../arbitraries/types.ts';

function outside(values: readonly string[], v: string): string {
  let out = v;
  while (values.includes(out)) out += '_';
  return out;
}

/** `v` with the case of some letters flipped (`bits` says which); never a member of `values`. */
function recased(values: readonly string[], v: string, bits: number): string {
  const flipped = [...v].map((c, i) => ((bits >> i % 30) & 1 ? (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) : c)).join('');
  for (const candidate of [flipped, v.toLowerCase(), v.toUpperCase()]) if (!values.includes(candidate)) return candidate;
  return outside(values, v.toLowerCase());
}

/**
 * Tag classes "enum/<site>/wrong-value" (a value outside the enum) and "enum/<site>/wrong-case"
 * (an enum value with letters in the other case: "send", "Url").
 */
export function wrongEnum(): readonly InvalidClass[] {
  return requestSites().flatMap((site) => {
    const shape = shapeNamed(site.shape);
    if (shape.type !== 'string' || !shape.enum) return [];
    const values = shape.enum;
    return [
      siteClass<string>({
        class: `enum/${site.id}/wrong-value`,
        rule: 'enum',
        note: `${site.id} outside its enum`,
        sites: [site],
        value: () => fc.oneof(fc.constantFrom('', 'NONE', 'RECEIVE', 'true', `${values[0]} `), stringOfCodePoints(1, 16)).map((v) => outside(values, v)),
        describe: (v) => JSON.stringify(v),
      }),
      siteClass<string>({
        class: `enum/${site.id}/wrong-case`,
        rule: 'enum',
        note: `${site.id} an enum value in the wrong case`,
        sites: [site],
        value: () => fc.tuple(fc.constantFrom(...values), fc.nat()).map(([v, bits]) => recased(values, v, bits)),
        describe: (v) => JSON.stringify(v),
      }),
    ];
  });
}
