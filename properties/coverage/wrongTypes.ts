import { int32 } from '../../harness/contract/index.ts';
import { invalidClasses } from '../arbitraries/invalidClasses.ts';
import { jsonTypeOfShape } from '../arbitraries/jsonTypeOfShape.ts';
import type { Site } from '../arbitraries/requestSites.ts';
import type { InvalidCase } from '../arbitraries/index.ts';
import { invalidAt } from './place.ts';
import type { CoverageCases, CoverageContext } from './types.ts';

/**
 * What is sent for each "type/<expected><-<sent>" class. The falsy ones (0, false, "") are the near
 * misses: a JavaScript target that tests `if (body.ClientToken)` reads them as absent and accepts.
 * A string where an object or array belongs is that object or array as JSON text.
 */
function sent(expected: string, kind: string): readonly unknown[] {
  switch (kind) {
    case 'number': return [0];
    case 'boolean': return [false];
    case 'array': return [[]];
    case 'object': return [{}];
    case 'string': return [expected === 'array' ? '[]' : expected === 'object' ? '{}' : ''];
    case 'numeric-string': return ['1'];
    case 'fraction': return [1.5];
    // One past each end of a 32-bit integer.
    case 'out-of-range': return [int32.max + 1, int32.min - 1];
    default: return [];
  }
}

const isKey = (site: Site): boolean => site.steps.at(-1)?.kind === 'key';
/** A null member of a structure reads as absent; only a null map value or list item is a type error. */
const isEntry = (site: Site): boolean => ['value', 'item'].includes(site.steps.at(-1)?.kind ?? '');
const TYPE_CLASS = /^type\/(\w+)<-([\w-]+)$/;

/**
 * Each "type/<expected><-<sent>" class of the random generator at every site of that JSON type (read
 * off the class id, so a new pair needs only a value here), and null at every map value or list item.
 */
export function wrongTypes({ base, sites }: CoverageContext): CoverageCases {
  const values = sites.filter((s) => !isKey(s));
  const invalid: InvalidCase[] = [];
  for (const { class: id } of invalidClasses()) {
    const [, expected, kind] = TYPE_CLASS.exec(id) ?? [];
    if (expected === undefined || kind === undefined) continue;
    for (const site of values.filter((s) => jsonTypeOfShape(s.shape) === expected)) {
      for (const v of sent(expected, kind)) invalid.push(invalidAt(base, site, v, { class: id, describe: `${kind} ${JSON.stringify(v)}` }));
    }
  }
  for (const site of values.filter(isEntry)) invalid.push(invalidAt(base, site, null, { class: 'type/null-entry', describe: 'null' }));
  return { valid: [], invalid };
}
