import { shapeNamed } from '../internal/shapeNamed.ts';
import { validAt } from './place.ts';
import type { CoverageCases, CoverageContext } from './types.ts';

/**
 * Valid: every map, list and structure without required members, empty ({} or []) at its site:
 * Attributes {}, AllowedCapabilities {}, Customer {}, References {}, ValueList [], ... A target
 * that treats an empty container as missing or malformed refuses one of them.
 */
export function emptyContainers({ base, sites }: CoverageContext): CoverageCases {
  const valid = sites.flatMap((site) => {
    const shape = shapeNamed(site.shape);
    if (site.steps.at(-1)?.kind === 'key') return [];
    if (shape.type === 'map') return [validAt(base, site, {})];
    if (shape.type === 'list') return [validAt(base, site, [])];
    if (shape.type === 'structure' && (shape.required ?? []).length === 0) return [validAt(base, site, {})];
    return [];
  });
  return { valid, invalid: [] };
}
