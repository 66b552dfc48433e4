import { requestSites, type Site } from './requestSites.ts';
import { shapeNamed } from './shapeNamed.ts';

/** The string sites with length bounds: map keys when `keys` (rule key-length), else values (length). */
export function boundedSites(keys: boolean): readonly Site[] {
  return requestSites().filter((site) => {
    const shape = shapeNamed(site.shape);
    return shape.type === 'string' && shape.length !== undefined && (site.steps.at(-1)?.kind === 'key') === keys;
  });
}
