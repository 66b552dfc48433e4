import { invalidClasses } from '../mutations/invalidClasses.ts';
import type { InvalidClass } from '../arbitraries/types.ts';

let byId: ReadonlyMap<string, InvalidClass> | undefined;

/**
 * The random generator's tag class with this id. Coverage cases reuse its ids (findings are grouped
 * by them) and its rule; an id that does not exist is a bug in this folder, so it throws at once.
 */
export function tagClass(id: string): InvalidClass {
  byId ??= new Map(invalidClasses().map((c) => [c.class, c]));
  const found = byId.get(id);
  if (!found) throw new Error(`coverage: no tag class ${id} among invalidClasses()`);
  return found;
}
