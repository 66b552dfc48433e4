import { pastEdges } from './pastEdges.ts';
import type { InvalidClass } from '../arbitraries/types.ts';

/** Tag classes "key-length/<site>/min-1|max+1": every map key one code point past an edge ("" included). */
export function keyLengthPastEdge(): readonly InvalidClass[] {
  return pastEdges(true);
}
